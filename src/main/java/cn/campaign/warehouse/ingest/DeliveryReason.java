package cn.campaign.warehouse.ingest;

/** Why a file was skipped or quarantined, in the order the contract checks them. */
public enum DeliveryReason {
    ALREADY_LOADED, BAD_NAME, UNKNOWN_SOURCE, STALE_SEQUENCE, BAD_ARCHIVE, UNSAFE_ENTRY, TOO_LARGE,
    MISSING_MANIFEST, BAD_MANIFEST, MANIFEST_MISMATCH, CHECKSUM_MISMATCH, BAD_ENCODING, BAD_HEADER,
    ROW_COUNT_MISMATCH, REJECT_RATE_EXCEEDED;

    public boolean skips() {
        return this == ALREADY_LOADED || this == STALE_SEQUENCE;
    }
}
