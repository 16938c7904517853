package cn.campaign.warehouse.validate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

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

    private static Double parseDecimal(String text) {
        if (!text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        double value = new BigDecimal(text).doubleValue();
        return Double.isFinite(value) ? value : null;
    }

    private static LocalDate parseDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
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
