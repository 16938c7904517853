package cn.campaign.warehouse.catalog;

/**
 * What a statement asks of DuckDB, its comments and layout set aside. A load compares the statements a state was
 * built with against its own to decide what to rebuild, and a release that only rewords a model's comments (where the
 * project documents a table's grain and columns) or re-indents its SQL builds the same rows: it must not cost a
 * national warehouse a rebuild of minutes to an hour.
 *
 * <p>Outside string literals and quoted identifiers, a {@code --} comment becomes a space and every run of whitespace
 * one space. A statement this cannot read with certainty is kept exactly as written, so that any change to it still
 * counts: one with a backslash (escape strings, {@code E'...'}), a dollar sign (dollar quoting) or a block comment.
 */
final class StatementMeaning {

    private StatementMeaning() {
    }

    /** Whether two statements, either of which may be missing, ask the same of DuckDB. */
    static boolean same(String one, String other) {
        return one != null && other != null && of(one).equals(of(other));
    }

    /** The statement without its comments, its whitespace runs made one space. */
    static String of(String statement) {
        if (statement.indexOf('\\') >= 0 || statement.indexOf('$') >= 0 || statement.contains("/*")) {
            return statement;
        }
        StringBuilder meaning = new StringBuilder(statement.length());
        boolean spaceBefore = false;
        int at = 0;
        while (at < statement.length()) {
            char c = statement.charAt(at);
            if (c == '-' && statement.startsWith("--", at)) {
                int lineEnd = statement.indexOf('\n', at);
                at = lineEnd < 0 ? statement.length() : lineEnd;
                spaceBefore = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                spaceBefore = true;
                at++;
                continue;
            }
            if (spaceBefore && meaning.length() > 0) {
                meaning.append(' ');
            }
            spaceBefore = false;
            int end = c == '\'' || c == '"' ? afterQuoted(statement, at) : at + 1;
            meaning.append(statement, at, end);
            at = end;
        }
        return meaning.toString();
    }

    /** Where the literal or identifier opened at {@code open} ends, past a doubled quote; unclosed, the end. */
    private static int afterQuoted(String statement, int open) {
        char quote = statement.charAt(open);
        int at = open + 1;
        while (at < statement.length()) {
            if (statement.charAt(at) == quote) {
                if (at + 1 < statement.length() && statement.charAt(at + 1) == quote) {
                    at += 2;
                    continue;
                }
                return at + 1;
            }
            at++;
        }
        return statement.length();
    }
}
