package cn.campaign.warehouse.ingest;

/**
 * What reading one entity file gave: its counts ({@code redacted}: free-text values changed), or the delivery-level
 * problem it has.
 */
record EntityFileResult(long records, long rejected, long redacted, DeliveryReason problem, String message) {

    static EntityFileResult problem(DeliveryReason reason, String message) {
        return new EntityFileResult(0, 0, 0, reason, message);
    }
}
