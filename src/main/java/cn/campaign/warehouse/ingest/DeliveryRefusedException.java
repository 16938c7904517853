package cn.campaign.warehouse.ingest;

/** A delivery that cannot be accepted; the message says why in words an operator can act on. */
public class DeliveryRefusedException extends Exception {

    private final DeliveryReason reason;

    public DeliveryRefusedException(DeliveryReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeliveryReason reason() {
        return reason;
    }
}
