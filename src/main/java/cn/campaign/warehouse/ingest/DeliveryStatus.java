package cn.campaign.warehouse.ingest;

/** What became of one inbox file (its status in the ledger analysts read). */
public enum DeliveryStatus {
    LOADED, REPLACED, SKIPPED, QUARANTINED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
