package cn.campaign.warehouse.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Counts how many bytes of the delivered file the characters read so far took, to hold a record to its size limit
 * (export contract §2) without keeping it: exact for UTF-8; for GB18030, two bytes per character beyond ASCII
 * (four for the rare characters outside the two-byte range are counted as two each of their surrogate halves).
 */
final class EncodedLength {

    private final boolean utf8;
    private final long limit;
    private long bytes;

    EncodedLength(Charset charset, long limit) {
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.limit = limit;
    }

    /** Counts one character; true while the total is within the limit. */
    boolean add(char c) {
        bytes += c < 0x80 ? 1 : utf8 && c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : utf8 ? 3 : 2;
        return bytes <= limit;
    }

    /** Counts the characters {@code chars[from]} to {@code chars[to - 1]}. */
    void add(char[] chars, int from, int to) {
        for (int index = from; index < to; index++) {
            add(chars[index]);
        }
    }

    boolean exceeded() {
        return bytes > limit;
    }

    long limit() {
        return limit;
    }

    void reset() {
        bytes = 0;
    }
}
