package cn.campaign.warehouse.validate;

import java.time.LocalDate;

/**
 * One field of an entity as the contract's tables define it. Checks run in the contract's order:
 * presence, format, then the code or enum rule, then the range rule.
 */
public record Field(String name, FieldType type, boolean required, Rule codeRule, Rule rangeRule, boolean personal) {

    /** A rule on a value that has been read; {@code null} when the value keeps it. */
    @FunctionalInterface
    public interface Rule {
        RejectReason check(Object value, LocalDate businessDate);
    }

    static final Rule NONE = (value, date) -> null;
}
