package cn.campaign.warehouse.text;

/**
 * Makes text safe to print on an operator's terminal: a file name or a delivered value holding ESC sequences could
 * otherwise clear the screen or move the cursor to print a fake "loaded" line, and a line break could start one.
 * Every control character is shown as an escape ({@code \n}, {@code \t}, {@code \r}, {@code \x1B}), and so is a
 * backslash's own ambiguity left alone: the escapes are for reading, not for parsing back.
 */
public final class Printable {

    private Printable() {
    }

    /** The text on one line, every control character escaped. */
    public static String line(String text) {
        return escape(text, false);
    }

    /** The text with its line breaks and tabs kept, every other control character escaped. */
    public static String keepingLineBreaks(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLineBreaks) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = isControl(c) && !(keepLineBreaks && (c == '\n' || c == '\r' || c == '\t'));
            if (control && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (!control) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\x%02X", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** C0 and C1 controls and DEL, and the Unicode line and paragraph separators and bidirectional overrides. */
    private static boolean isControl(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
