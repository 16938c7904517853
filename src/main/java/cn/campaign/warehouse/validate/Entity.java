package cn.campaign.warehouse.validate;

import static cn.campaign.warehouse.validate.FieldType.BOOL;
import static cn.campaign.warehouse.validate.FieldType.DATE;
import static cn.campaign.warehouse.validate.FieldType.DECIMAL;
import static cn.campaign.warehouse.validate.FieldType.INT;
import static cn.campaign.warehouse.validate.FieldType.TEXT;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The seven entities of export contract §3, each field in the order of its table. */
public enum Entity {
    INSTITUTION("institution", "institutions", List.of(
            field("institution_code", TEXT, true, code(v -> Codes.isInstitution(v), RejectReason.BAD_CODE)),
            freeText("name", true),
            field("province_code", TEXT, true, code(Codes::isProvince, RejectReason.BAD_CODE)),
            freeText("city", false),
            freeText("authority", false),
            field("level", TEXT, true, oneOf("undergraduate", "vocational")),
            field("ownership", TEXT, false, oneOf("public", "private")),
            new Field("founded_year", INT, false, Field.NONE, Entity::yearNotAfterBusinessDate, false)),
            List.of("institution_code")),
    ENTERPRISE("enterprise", "enterprises", List.of(
            field("uscc", TEXT, true, code(Uscc::isValid, RejectReason.BAD_USCC)),
            freeText("name", true),
            field("ownership", TEXT, true,
                    oneOf("soe", "private", "foreign", "collective", "public_institution", "government", "other")),
            field("size", TEXT, true, oneOf("large", "medium", "small", "micro")),
            field("industry_code", TEXT, true, code(Codes::isIndustrySection, RejectReason.BAD_CODE)),
            field("region_code", TEXT, true, code(Codes::isRegion, RejectReason.BAD_CODE))),
            List.of("uscc")),
    FAIR("fair", "fairs", List.of(
            field("fair_id", TEXT, true),
            freeText("name", true),
            new Field("start_date", DATE, true, Field.NONE, Entity::notAfterBusinessDate, false),
            field("end_date", DATE, false),
            field("fair_type", TEXT, true,
                    oneOf("campus", "regional", "industry", "alliance", "national_series", "sme_network", "other")),
            field("channel", TEXT, true, oneOf("online", "offline", "hybrid")),
            field("host_institution_code", TEXT, false, code(Codes::isInstitution, RejectReason.BAD_CODE)),
            field("region_code", TEXT, true, code(Codes::isRegion, RejectReason.BAD_CODE)),
            count("employers", true, 0),
            count("posts", true, 0),
            count("positions", false, 0),
            count("attendees", true, 0)),
            List.of("fair_id")),
    VISIT("visit", "visits", List.of(
            field("visit_id", TEXT, true),
            new Field("visit_date", DATE, true, Field.NONE, Entity::notAfterBusinessDate, false),
            field("institution_code", TEXT, true, code(Codes::isInstitution, RejectReason.BAD_CODE)),
            field("visitor_role", TEXT, true, oneOf("party_secretary", "president", "leadership", "department")),
            field("enterprise_uscc", TEXT, true, code(Uscc::isValid, RejectReason.BAD_USCC)),
            field("new_partner", BOOL, true),
            count("posts_opened", true, 0),
            field("agreement_signed", BOOL, false)),
            List.of("visit_id")),
    POST("post", "posts", List.of(
            field("post_id", TEXT, true),
            new Field("published_date", DATE, true, Field.NONE, Entity::notAfterBusinessDate, false),
            field("enterprise_uscc", TEXT, true, code(Uscc::isValid, RejectReason.BAD_USCC)),
            freeText("title", true),
            field("industry_code", TEXT, false, code(Codes::isIndustrySection, RejectReason.BAD_CODE)),
            field("work_region_code", TEXT, true, code(Codes::isRegion, RejectReason.BAD_CODE)),
            count("headcount", true, 1),
            count("salary_min", false, 0),
            count("salary_max", false, 0),
            field("education_min", TEXT, false, oneOf("any", "vocational", "bachelor", "master", "doctor")),
            field("policy_program", TEXT, false,
                    oneOf("none", "tegang", "sanzhi_yifu", "xibu", "community", "rural_doctor", "other")),
            field("origin_platform", TEXT, true),
            field("origin_post_id", TEXT, true),
            field("closed_date", DATE, false)),
            List.of("origin_platform", "origin_post_id")),
    GRADUATE("graduate", "graduates", List.of(
            new Field("id_number", TEXT, true, Entity::idNumber, Field.NONE, true),
            new Field("name", TEXT, false, Field.NONE, Field.NONE, true),
            new Field("phone", TEXT, false, Field.NONE, Field.NONE, true),
            field("institution_code", TEXT, true, code(Codes::isInstitution, RejectReason.BAD_CODE)),
            new Field("cohort", INT, true, Field.NONE, Entity::graduationYear, false),
            field("education_level", TEXT, true, oneOf("vocational", "bachelor", "master", "doctor")),
            field("major_code", TEXT, false, code(Codes::isMajor, RejectReason.BAD_CODE)),
            field("difficulty", TEXT, false, Entity::difficultyGroups),
            field("destination", TEXT, true, oneOf("unplaced", "employed", "further_study", "flexible",
                    "entrepreneurship", "military", "grassroots_project", "abroad")),
            field("destination_date", DATE, false)),
            List.of("id_number")),
    SERVICE("service", "services", List.of(
            field("service_id", TEXT, true),
            new Field("service_date", DATE, true, Field.NONE, Entity::notAfterBusinessDate, false),
            new Field("id_number", TEXT, true, Entity::idNumber, Field.NONE, true),
            field("institution_code", TEXT, true, code(Codes::isInstitution, RejectReason.BAD_CODE)),
            field("service_type", TEXT, true, oneOf("guidance", "training", "post_push", "assistance", "policy",
                    "mock_interview", "resume_review", "counselling")),
            field("post_origin_platform", TEXT, false),
            field("post_origin_id", TEXT, false),
            freeText("program", false),
            new Field("hours", DECIMAL, false, Field.NONE, Entity::notNegative, false)),
            List.of("service_id"));

    public static final Set<String> DIFFICULTY_GROUPS =
            Set.of("low_income", "disabled", "zero_employment_family", "poverty_alleviated", "minimum_living", "other");

    private final String code;
    private final String tableSuffix;
    private final List<Field> fields;
    private final List<String> identity;

    Entity(String code, String tableSuffix, List<Field> fields, List<String> identity) {
        this.code = code;
        this.tableSuffix = tableSuffix;
        this.fields = fields;
        this.identity = identity;
    }

    /** The entity's name in a manifest's {@code entity} key. */
    public String code() {
        return code;
    }

    /** Plural name used for staging tables, e.g. {@code posts}. */
    public String plural() {
        return tableSuffix;
    }

    public List<Field> fields() {
        return fields;
    }

    public List<String> identity() {
        return identity;
    }

    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }

    public static Entity fromCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst().orElse(null);
    }

    public boolean carriesIdNumber() {
        return indexOf("id_number") >= 0;
    }

    private static Field field(String name, FieldType type, boolean required) {
        return new Field(name, type, required, Field.NONE, Field.NONE, false);
    }

    private static Field freeText(String name, boolean required) {
        return new Field(name, TEXT, required, Field.NONE, Field.NONE, false, true);
    }

    private static Field field(String name, FieldType type, boolean required, Field.Rule codeRule) {
        return new Field(name, type, required, codeRule, Field.NONE, false);
    }

    private static Field count(String name, boolean required, long minimum) {
        return new Field(name, INT, required, Field.NONE,
                (value, date) -> (Long) value < minimum ? RejectReason.OUT_OF_RANGE : null, false);
    }

    private static Field.Rule oneOf(String... allowed) {
        Set<String> set = Set.of(allowed);
        return (value, date) -> set.contains(value) ? null : RejectReason.BAD_ENUM;
    }

    private static Field.Rule code(java.util.function.Predicate<String> valid, RejectReason reason) {
        return (value, date) -> valid.test((String) value) ? null : reason;
    }

    private static RejectReason idNumber(Object value, LocalDate businessDate) {
        return IdNumber.isValid((String) value, businessDate) ? null : RejectReason.BAD_ID_NUMBER;
    }

    private static RejectReason notAfterBusinessDate(Object value, LocalDate businessDate) {
        return ((LocalDate) value).isAfter(businessDate) ? RejectReason.FUTURE_DATE : null;
    }

    private static RejectReason notNegative(Object value, LocalDate businessDate) {
        return (Double) value < 0 ? RejectReason.OUT_OF_RANGE : null;
    }

    private static RejectReason yearNotAfterBusinessDate(Object value, LocalDate businessDate) {
        long year = (Long) value;
        return year < 1000 || year > businessDate.getYear() ? RejectReason.OUT_OF_RANGE : null;
    }

    private static RejectReason graduationYear(Object value, LocalDate businessDate) {
        long year = (Long) value;
        return year < 1900 || year > 9999 ? RejectReason.OUT_OF_RANGE : null;
    }

    private static RejectReason difficultyGroups(Object value, LocalDate businessDate) {
        for (String group : ((String) value).split(";")) {
            String trimmed = group.trim();
            if (!trimmed.isEmpty() && !DIFFICULTY_GROUPS.contains(trimmed)) {
                return RejectReason.BAD_ENUM;
            }
        }
        return null;
    }
}
