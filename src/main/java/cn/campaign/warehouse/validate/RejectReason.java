package cn.campaign.warehouse.validate;

/** Why one record was not loaded (export contract §5). */
public enum RejectReason {
    MALFORMED_RECORD, MISSING_FIELD, BAD_FORMAT, BAD_ENUM, BAD_CODE, BAD_USCC, BAD_ID_NUMBER,
    OUT_OF_RANGE, FUTURE_DATE, MISSING_POST, DUPLICATE_KEY
}
