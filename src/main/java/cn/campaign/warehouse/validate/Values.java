package cn.campaign.warehouse.validate;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Reads delivered texts into values as the contract writes them; {@code null} means the text does not read. */
final class Values {

    private Values() {
    }

    static Object parse(FieldType type, String text) {
        return switch (type) {
            case TEXT -> text;
            case INT -> parseInt(text);
            case DECIMAL -> parseDecimal(text);
            case DATE -> parseDate(text);
            case BOOL -> parseBool(text);
        };
    }

    /** Text holds no control character but tab, line feed and carriage return (export contract §2). */
    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * A plain integer of more than nine digits: {@code OUT_OF_RANGE}, so that sums over a national campaign stay
     * far inside 64 bits whatever a source sends.
     */
    static boolean isTooLongInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        return text.length() - start > 9 && Codes.allDigits(text.substring(start));
    }

    private static Long parseInt(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start || text.length() - start > 18 || !Codes.allDigits(text.substring(start))) {
            return null;
        }
        return Long.parseLong(text);
    }

    /**
     * {@code -?[0-9]+(\.[0-9]+)?}, read by hand: a night stages half a million values, and a regular expression and
     * a {@link java.math.BigDecimal} per value cost a tenth of its staging. {@link Double#parseDouble} rounds the
     * same decimal text to the same double.
     */
    private static Double parseDecimal(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        int point = text.indexOf('.');
        int end = text.length();
        boolean wellFormed = point < 0 ? end > start && Codes.allDigits(text.substring(start))
                : point > start && point < end - 1 && Codes.allDigits(text.substring(start, point))
                        && Codes.allDigits(text.substring(point + 1));
        if (!wellFormed) {
            return null;
        }
        // + 0.0: Double.parseDouble reads "-0" as -0.0, where the decimal it writes is 0
        double value = Double.parseDouble(text) + 0.0;
        return Double.isFinite(value) ? value : null;
    }

    /** {@code yyyy-MM-dd}, a real day, read by hand: {@link LocalDate#parse} costs a tenth of a night's staging. */
    private static LocalDate parseDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || !Codes.allDigits(text.substring(0, 4)) || !Codes.allDigits(text.substring(5, 7))
                || !Codes.allDigits(text.substring(8))) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                    Integer.parseInt(text, 8, 10, 10));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Boolean parseBool(String text) {
        if (text.equalsIgnoreCase("true") || text.equals("1") || text.equals("是")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false") || text.equals("0") || text.equals("否")) {
            return Boolean.FALSE;
        }
        return null;
    }
}
