package cn.campaign.warehouse.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The columns of a feed that a model's statement can read: those it names. A statement that selects every column
 * somewhere ({@code select *}, {@code t.*}, {@code columns(...)}) gets them all, since what it passes on cannot be
 * told from its text.
 */
final class FeedColumns {

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern EVERY_COLUMN = Pattern.compile(
            "(?i)\\bselect\\s+(distinct\\s+)?\\*|\\w\\.\\*|\\bcolumns\\s*\\(|\\*\\s*(exclude|replace)\\b");

    private FeedColumns() {
    }

    /** The columns, in their order, that {@code statement} names (all of them if it selects every column). */
    static List<String> namedIn(String statement, List<String> columns) {
        String code = withoutComments(statement);
        if (EVERY_COLUMN.matcher(code).find()) {
            return columns;
        }
        Set<String> words = WORD.matcher(code).results().map(MatchResult::group)
                .map(word -> word.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> named = columns.stream().filter(column -> words.contains(column.toLowerCase(Locale.ROOT)))
                .toList();
        // a statement naming none (count(*) over the feed) still needs its rows
        return named.isEmpty() ? columns.subList(0, 1) : named;
    }

    private static String withoutComments(String statement) {
        return statement.replaceAll("--[^\\n]*", "");
    }
}
