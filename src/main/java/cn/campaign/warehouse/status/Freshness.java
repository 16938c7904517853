package cn.campaign.warehouse.status;

/** Where a registered source stands with its delivery for one business date, as dbt's source freshness grades. */
public enum Freshness {
    /** a delivery for the date is loaded */
    LOADED,
    /** none is loaded, but it is not due yet */
    PENDING,
    /** none is loaded, and the deadline passed more than the source's warn_after ago */
    WARN,
    /** none is loaded, and the deadline passed more than the source's error_after ago */
    ERROR;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
