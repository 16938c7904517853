package cn.campaign.warehouse.ingest;

/** What became of one inbox file ({@code load_deliveries.status}). */
public enum DeliveryStatus {
    LOADED, REPLACED, SKIPPED, QUARANTINED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
