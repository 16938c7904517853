package cn.campaign.warehouse.validate;

import java.time.LocalDate;

/**
 * One field of an entity as the contract's tables define it. Checks run in the contract's order:
 * presence, format, then the code or enum rule, then the range rule. A free-text field describes organisations and
 * events: identity and mobile numbers typed into one are redacted (export contract §6).
 */
public record Field(String name, FieldType type, boolean required, Rule codeRule, Rule rangeRule, boolean personal,
                    boolean freeText) {

    /** A field that is not free text (export contract §6 lists the free-text ones). */
    public Field(String name, FieldType type, boolean required, Rule codeRule, Rule rangeRule, boolean personal) {
        this(name, type, required, codeRule, rangeRule, personal, false);
    }

    /** A rule on a value that has been read; {@code null} when the value keeps it. */
    @FunctionalInterface
    public interface Rule {
        RejectReason check(Object value, LocalDate businessDate);
    }

    static final Rule NONE = (value, date) -> null;
}
