package cn.campaign.warehouse.validate;

/** How a delivered text is read into a value; a text that does not read is {@link RejectReason#BAD_FORMAT}. */
public enum FieldType {
    TEXT, INT, DECIMAL, DATE, BOOL
}
