package cn.campaign.warehouse.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits what an analyst typed into statements at the semicolons that end them, as DuckDB's shell does: a
 * semicolon inside a string ('...'), a quoted name ("..."), a dollar-quoted string ($$...$$) or a comment (-- and
 * /* *&#47;) ends nothing. The statements run one after the other, each printing its own result. Public, and
 * without a dependency, because the Spark runner's build compiles this same file (spark/pom.xml).
 */
public final class SqlStatements {

    private SqlStatements() {
    }

    /** The statements of {@code text} without their semicolons, blank ones left out. */
    public static List<String> split(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = closing(text, i + 1, String.valueOf(c));
            } else if (c == '-' && text.startsWith("--", i)) {
                end = closing(text, i + 2, "\n");
            } else if (c == '/' && text.startsWith("/*", i)) {
                end = closing(text, i + 2, "*/");
            } else if (c == '$' && text.startsWith("$$", i)) {
                end = closing(text, i + 2, "$$");
            } else if (c == ';') {
                add(statements, current);
                i++;
                continue;
            } else {
                end = i + 1;
            }
            current.append(text, i, end);
            i = end;
        }
        add(statements, current);
        return statements;
    }

    /** Just past the first {@code marker} at or after {@code from} (a doubled quote escapes itself), else the end. */
    private static int closing(String text, int from, String marker) {
        int at = text.indexOf(marker, from);
        while (at >= 0 && marker.length() == 1 && marker.charAt(0) != '\n' && text.startsWith(marker + marker, at)) {
            at = text.indexOf(marker, at + 2);
        }
        return at < 0 ? text.length() : at + marker.length();
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty() && !onlyComments(statement)) {
            statements.add(statement);
        }
        current.setLength(0);
    }

    private static boolean onlyComments(String statement) {
        return statement.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("--[^\\n]*", "").isBlank();
    }
}
