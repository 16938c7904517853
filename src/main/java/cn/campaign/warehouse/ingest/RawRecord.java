package cn.campaign.warehouse.ingest;

/**
 * One delivered record before validation: the text of each entity field (in the entity's field order,
 * {@code null} when empty or absent), its {@code op}, and the physical line where it starts.
 * A malformed record carries no texts.
 */
public record RawRecord(long line, String[] texts, String op, boolean malformed) {

    static RawRecord malformed(long line) {
        return new RawRecord(line, null, null, true);
    }
}
