package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.text.Printable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a query result the ways DuckDB's shell does ({@code .mode}): an aligned table fitted to the terminal's
 * width, RFC 4180 CSV, JSON, a Markdown table, or one line per value. Delivered text can hold anything a source
 * typed: the table, Markdown and line modes show every control character escaped, CSV keeps line breaks and tabs
 * inside quoted cells and escapes the rest, JSON escapes them itself; no cell can drive the terminal.
 */
final class ResultPrinter {

    /** The ways a result can be printed, named as DuckDB's shell names them. */
    enum Mode { TABLE, CSV, JSON, MARKDOWN, LINE }

    /** A cell wider than this is cut, with an ellipsis, when a table is fitted to a terminal. */
    private static final int WIDEST_CELL = 40;
    private static final String ELLIPSIS = "…";
    /** What an analyst can do about a query too large for the session, which never spills to disk. */
    private static final String OUT_OF_MEMORY = "\nThe query needs more memory than a sql session may use "
            + "(the setting sql.memory.limit; unset, 80 % of this machine's). A session writes no file, so it cannot "
            + "spill to disk: filter or aggregate earlier, select fewer columns, or ask the operator for a higher "
            + "limit.";

    private ResultPrinter() {
    }

    static void print(ResultSet rows, boolean csv, PrintStream out) throws SQLException {
        print(rows, csv ? Mode.CSV : Mode.TABLE, 0, out);
    }

    /**
     * Prints every row of {@code rows}; a table wider than {@code width} (0: no limit, as when the output is not a
     * terminal) keeps its first and last columns and leaves out the middle ones, as DuckDB's duckbox does.
     */
    static void print(ResultSet rows, Mode mode, int width, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        String[] header = new String[columns];
        boolean[] numeric = new boolean[columns];
        for (int i = 0; i < columns; i++) {
            header[i] = meta.getColumnLabel(i + 1);
        }
        List<Object[]> values = new ArrayList<>();
        while (rows.next()) {
            Object[] row = new Object[columns];
            for (int i = 0; i < columns; i++) {
                row[i] = rows.getObject(i + 1);
                numeric[i] |= row[i] instanceof Number;
            }
            values.add(row);
        }
        switch (mode) {
            case CSV -> printCsv(header, values, out);
            case JSON -> printJson(header, values, out);
            case MARKDOWN -> printMarkdown(header, values, numeric, out);
            case LINE -> printLines(header, values, out);
            case TABLE -> printTable(header, values, numeric, width, out);
            default -> throw new IllegalStateException("unknown mode " + mode);
        }
    }

    /**
     * A failed statement as the analyst reads it: whole, as DuckDB words it (the error's kind, its sentence, and its
     * hints such as "Did you mean ...?"), control characters escaped. Running out of memory is the exception: DuckDB's
     * hints there (a temp directory, a higher limit, fewer threads) are settings a session cannot change, so its
     * first line is followed by what the analyst can do instead.
     */
    static String failure(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (message.startsWith("Out of Memory Error")) {
            return "query failed: " + Printable.keepingLineBreaks(message.lines().findFirst().orElse(message))
                    + OUT_OF_MEMORY;
        }
        return "query failed: " + Printable.keepingLineBreaks(message);
    }

    private static void printCsv(String[] header, List<Object[]> values, PrintStream out) {
        out.print(csvLine(header));
        for (Object[] row : values) {
            String[] cells = new String[row.length];
            for (int i = 0; i < row.length; i++) {
                cells[i] = row[i] == null ? "" : text(row[i]);
            }
            out.print(csvLine(cells));
        }
    }

    private static String csvLine(String[] cells) {
        List<String> quoted = new ArrayList<>();
        for (String cell : cells) {
            quoted.add(csvCell(Printable.keepingLineBreaks(cell)));
        }
        return String.join(",", quoted) + "\r\n";
    }

    private static void printJson(String[] header, List<Object[]> values, PrintStream out) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (Object[] row : values) {
            ObjectNode object = array.addObject();
            for (int i = 0; i < row.length; i++) {
                Object value = row[i];
                if (value == null) {
                    object.putNull(header[i]);
                } else if (value instanceof Boolean b) {
                    object.put(header[i], b);
                } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte) {
                    object.put(header[i], ((Number) value).longValue());
                } else if (value instanceof BigInteger big) {
                    object.put(header[i], big);
                } else if (value instanceof Number number && isFinite(number)) {
                    object.put(header[i], new BigDecimal(text(number)));
                } else {
                    object.put(header[i], text(value));
                }
            }
        }
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a result could not be written as JSON: " + e.getMessage(), e);
        }
    }

    private static boolean isFinite(Number number) {
        return !(number instanceof Double d && !Double.isFinite(d))
                && !(number instanceof Float f && !Float.isFinite(f));
    }

    private static void printMarkdown(String[] header, List<Object[]> values, boolean[] numeric, PrintStream out) {
        out.println("| " + String.join(" | ", escapedForMarkdown(header)) + " |");
        StringBuilder rule = new StringBuilder("|");
        for (boolean number : numeric) {
            rule.append(number ? "---:|" : "---|");
        }
        out.println(rule);
        for (Object[] row : values) {
            out.println("| " + String.join(" | ", escapedForMarkdown(cells(row))) + " |");
        }
    }

    private static List<String> escapedForMarkdown(String[] cells) {
        List<String> escaped = new ArrayList<>();
        for (String cell : cells) {
            escaped.add(Printable.line(cell).replace("|", "\\|"));
        }
        return escaped;
    }

    private static void printLines(String[] header, List<Object[]> values, PrintStream out) {
        int widest = 0;
        for (String name : header) {
            widest = Math.max(widest, displayWidth(name));
        }
        for (int r = 0; r < values.size(); r++) {
            if (r > 0) {
                out.println();
            }
            String[] cells = cells(values.get(r));
            for (int i = 0; i < header.length; i++) {
                out.println(" ".repeat(widest - displayWidth(header[i])) + Printable.line(header[i]) + " = "
                        + Printable.line(cells[i]));
            }
        }
    }

    private static void printTable(String[] header, List<Object[]> values, boolean[] numeric, int width,
                                   PrintStream out) {
        int columns = header.length;
        List<String[]> lines = new ArrayList<>();
        lines.add(header);
        for (Object[] row : values) {
            lines.add(cells(row));
        }
        int[] widths = new int[columns];
        for (String[] line : lines) {
            for (int i = 0; i < columns; i++) {
                String cell = Printable.line(line[i]);
                if (width > 0) {
                    cell = cut(cell);
                    line[i] = cell;
                }
                widths[i] = Math.max(widths[i], displayWidth(cell));
            }
        }
        List<Integer> shown = fitted(widths, width);
        for (int l = 0; l < lines.size(); l++) {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < shown.size(); k++) {
                text.append(k == 0 ? "" : " | ");
                int i = shown.get(k);
                if (i < 0) {
                    text.append(ELLIPSIS);
                    continue;
                }
                String cell = Printable.line(lines.get(l)[i]);
                String padding = " ".repeat(widths[i] - displayWidth(cell));
                // numbers right-aligned, so that their digits line up
                text.append(numeric[i] && l > 0 ? padding + cell : cell + padding);
            }
            out.println(text.toString().stripTrailing());
            if (l == 0) {
                StringBuilder rule = new StringBuilder();
                for (int k = 0; k < shown.size(); k++) {
                    int i = shown.get(k);
                    rule.append(k == 0 ? "" : "-+-").append("-".repeat(i < 0 ? 1 : widths[i]));
                }
                out.println(rule);
            }
        }
        int rows = lines.size() - 1;
        String count = rows + " row" + (rows == 1 ? "" : "s");
        if (shown.contains(-1)) {
            count += ", " + columns + " columns, " + (shown.size() - 1) + " shown";
        }
        out.println("(" + count + ")");
    }

    /**
     * The columns a table of these widths shows within {@code width}: all when they fit, else the first and the
     * last ones that fit taken alternately from both ends, with -1 where the left-out middle ones are.
     */
    static List<Integer> fitted(int[] widths, int width) {
        int total = 0;
        for (int i = 0; i < widths.length; i++) {
            total += widths[i] + (i == 0 ? 0 : 3);
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            all.add(i);
        }
        if (width <= 0 || total <= width || widths.length < 3) {
            return all;
        }
        List<Integer> left = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        int used = ELLIPSIS.length();
        int from = 0;
        int to = widths.length - 1;
        boolean takeLeft = true;
        while (from <= to) {
            int next = takeLeft ? from : to;
            if (used + 3 + widths[next] > width && !(left.isEmpty() && takeLeft)) {
                break;
            }
            used += 3 + widths[next];
            if (takeLeft) {
                left.add(from++);
            } else {
                right.add(0, to--);
            }
            takeLeft = !takeLeft;
        }
        List<Integer> shown = new ArrayList<>(left);
        shown.add(-1);
        shown.addAll(right);
        return shown;
    }

    private static String cut(String cell) {
        if (displayWidth(cell) <= WIDEST_CELL) {
            return cell;
        }
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int c : cell.codePoints().toArray()) {
            int w = displayWidth(new String(Character.toChars(c)));
            if (used + w > WIDEST_CELL - 1) {
                break;
            }
            kept.appendCodePoint(c);
            used += w;
        }
        return kept + ELLIPSIS;
    }

    private static String[] cells(Object[] row) {
        String[] cells = new String[row.length];
        for (int i = 0; i < row.length; i++) {
            // a table shows NULL apart from an empty text, as DuckDB's shell does
            cells[i] = row[i] == null ? "NULL" : text(row[i]);
        }
        return cells;
    }

    /** A value as text; decimals in plain notation, never 1.0E-4. */
    private static String text(Object value) {
        if ((value instanceof Double d && Double.isFinite(d)) || (value instanceof Float f && Float.isFinite(f))) {
            String plain = new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        return value.toString();
    }

    /** RFC 4180: a cell holding a quote, a comma or a line break is quoted, its quotes doubled. */
    static String csvCell(String cell) {
        boolean quote = cell.indexOf('"') >= 0 || cell.indexOf(',') >= 0 || cell.indexOf('\r') >= 0
                || cell.indexOf('\n') >= 0;
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    /** Chinese characters take two columns in a terminal. */
    private static int displayWidth(String text) {
        return text.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x3000 && c <= 0x303F) ? 2 : 1).sum();
    }
}
