package cn.campaign.warehouse.validate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the personal numbers that people type where they do not belong (export contract §6): an 18-character
 * identity number with a valid check character, and an 11-digit mainland mobile number, each standing on its own
 * (not part of a longer run of digits). Such a number is replaced by {@value #REDACTED}; nothing else changes.
 */
public final class PersonalNumbers {

    public static final String REDACTED = "[redacted]";

    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");

    private PersonalNumbers() {
    }

    /** The text with every personal number redacted; the same instance when it holds none. */
    public static String redact(String text) {
        if (text == null || text.length() < 11) {
            return text;
        }
        String result = replace(ID_NUMBER, text, true);
        return replace(MOBILE, result, false);
    }

    private static String replace(Pattern pattern, String text, boolean checkCharacter) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (matcher.find()) {
            if (checkCharacter && !hasValidCheckCharacter(matcher.group())) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, matcher.start()).append(REDACTED);
            copied = matcher.end();
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean hasValidCheckCharacter(String number) {
        return Character.toUpperCase(number.charAt(17)) == IdNumber.checkCharacterFor(number.substring(0, 17));
    }
}
