package cn.campaign.warehouse.validate;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the records of one file against the rules of its entity and reports the first rule each breaks, in
 * the order of export contract §5. Keeps the identities seen so far to reject repeats within the file.
 */
public final class RecordValidator {

    /**
     * The most records a file's declared row count makes room for at once: the manifest is the source's word, and a
     * hostile one must not make a small file reserve gigabytes.
     */
    private static final int MOST_PRESIZED = 1 << 20;

    private final Entity entity;
    private final LocalDate businessDate;
    private final int[] identityIndexes;
    private final Set<String> seenIdentities;

    /**
     * @param declaredRows the rows the manifest declares for the file: the set of identities seen is made that large
     *                     at once (up to a bound): growing it step by step was 3 % of the staging's time
     */
    public RecordValidator(Entity entity, LocalDate businessDate, long declaredRows) {
        this.entity = entity;
        this.businessDate = businessDate;
        this.identityIndexes = entity.identity().stream().mapToInt(entity::indexOf).toArray();
        int expected = (int) Math.max(0, Math.min(declaredRows, MOST_PRESIZED));
        this.seenIdentities = new HashSet<>(expected + expected / 3 + 1);
    }

    /**
     * @param texts the delivered text of each field, in the entity's field order; {@code null} when empty
     * @param op    the delivered {@code op}, {@code null} when absent
     * @return the record read into values, or the first rule it breaks
     */
    public Outcome validate(String[] texts, String op) {
        boolean withdrawn;
        if (op == null || op.equals("U")) {
            withdrawn = false;
        } else if (op.equals("D")) {
            withdrawn = true;
        } else {
            return new Rejected("op", RejectReason.BAD_ENUM, keptValue("op", op));
        }
        List<Field> fields = entity.fields();
        Object[] values = new Object[fields.size()];
        int redacted = 0;
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            if (withdrawn && !isIdentity(i)) {
                continue;
            }
            String text = texts[i];
            if (text == null) {
                if (field.required()) {
                    return reject(field, RejectReason.MISSING_FIELD, null);
                }
                continue;
            }
            if (Values.hasControlCharacter(text)) {
                return reject(field, RejectReason.BAD_FORMAT, text);
            }
            if (field.type() == FieldType.INT && Values.isTooLongInteger(text)) {
                return reject(field, RejectReason.OUT_OF_RANGE, text);
            }
            Object value = Values.parse(field.type(), text);
            if (value == null) {
                return reject(field, RejectReason.BAD_FORMAT, text);
            }
            RejectReason broken = field.codeRule().check(value, businessDate);
            if (broken == null) {
                broken = field.rangeRule().check(value, businessDate);
            }
            if (broken != null) {
                return reject(field, broken, text);
            }
            if (field.freeText()) {
                String clean = PersonalNumbers.redact(text);
                if (!clean.equals(text)) {
                    redacted++;
                    value = clean;
                }
            }
            values[i] = value;
        }
        if (!withdrawn) {
            Rejected spanning = checkSpanningRules(values, texts);
            if (spanning != null) {
                return spanning;
            }
        }
        if (!seenIdentities.add(identityOf(values))) {
            Field last = fields.get(identityIndexes[identityIndexes.length - 1]);
            return reject(last, RejectReason.DUPLICATE_KEY, texts[identityIndexes[identityIndexes.length - 1]]);
        }
        return new Accepted(values, withdrawn, redacted);
    }

    private boolean isIdentity(int index) {
        for (int identityIndex : identityIndexes) {
            if (identityIndex == index) {
                return true;
            }
        }
        return false;
    }

    private String identityOf(Object[] values) {
        if (identityIndexes.length == 1) {
            return canonicalIdentity(values[identityIndexes[0]]);
        }
        StringBuilder key = new StringBuilder();
        for (int index : identityIndexes) {
            key.append(values[index]).append('\u0000');
        }
        return key.toString();
    }

    private String canonicalIdentity(Object value) {
        return entity.identity().get(0).equals("id_number") ? IdNumber.canonical((String) value) : (String) value;
    }

    private Rejected checkSpanningRules(Object[] values, String[] texts) {
        switch (entity) {
            case INSTITUTION -> {
                int province = entity.indexOf("province_code");
                if (!Codes.institutionProvince((String) values[entity.indexOf("institution_code")])
                        .equals(values[province])) {
                    return new Rejected("province_code", RejectReason.BAD_CODE,
                            keptValue("province_code", texts[province]));
                }
            }
            case FAIR -> {
                int end = entity.indexOf("end_date");
                if (values[end] != null
                        && ((LocalDate) values[end]).isBefore((LocalDate) values[entity.indexOf("start_date")])) {
                    return new Rejected("end_date", RejectReason.OUT_OF_RANGE, keptValue("end_date", texts[end]));
                }
            }
            case POST -> {
                int min = entity.indexOf("salary_min");
                int max = entity.indexOf("salary_max");
                if (values[min] != null && values[max] != null && (Long) values[min] > (Long) values[max]) {
                    return new Rejected("salary_max", RejectReason.OUT_OF_RANGE, keptValue("salary_max", texts[max]));
                }
            }
            case SERVICE -> {
                int platform = entity.indexOf("post_origin_platform");
                int postId = entity.indexOf("post_origin_id");
                if ("post_push".equals(values[entity.indexOf("service_type")])
                        && (values[platform] == null || values[postId] == null)) {
                    return new Rejected("post_origin_id", RejectReason.MISSING_POST,
                            keptValue("post_origin_id", texts[postId]));
                }
            }
            default -> {
            }
        }
        return null;
    }

    private Rejected reject(Field field, RejectReason reason, String text) {
        return new Rejected(field.name(), reason, keptValue(field.name(), text));
    }

    /**
     * What a reject keeps of the offending text: nothing of a personal field, nothing of a roster record (personal
     * data as a whole, whose mislabelled column can put a name anywhere), and no personal number anywhere.
     */
    private String keptValue(String fieldName, String text) {
        if (text == null || entity == Entity.GRADUATE) {
            return null;
        }
        int index = entity.indexOf(fieldName);
        if (index >= 0 && entity.fields().get(index).personal()) {
            return null;
        }
        return PersonalNumbers.redact(text);
    }

    /** What validating one record gave. */
    public sealed interface Outcome permits Accepted, Rejected {
    }

    /**
     * A record that loads: its values in field order, whether it withdraws its identity, and how many of its
     * free-text values had a personal number redacted.
     */
    public record Accepted(Object[] values, boolean withdrawn, int redacted) implements Outcome {
    }

    /** The first rule a record breaks; {@code value} is never personal data. */
    public record Rejected(String field, RejectReason reason, String value) implements Outcome {
    }
}
