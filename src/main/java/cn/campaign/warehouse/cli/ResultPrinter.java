package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.text.Printable;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a query result as an aligned text table or as RFC 4180 CSV. Delivered text can hold anything a source
 * typed: the table shows every control character escaped, the CSV keeps line breaks and tabs inside quoted cells
 * and escapes the rest, so no cell can drive the terminal.
 */
final class ResultPrinter {

    private ResultPrinter() {
    }

    static void print(ResultSet rows, boolean csv, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        List<String[]> lines = new ArrayList<>();
        String[] header = new String[columns];
        boolean[] numeric = new boolean[columns];
        for (int i = 0; i < columns; i++) {
            header[i] = meta.getColumnLabel(i + 1);
        }
        lines.add(header);
        while (rows.next()) {
            String[] line = new String[columns];
            for (int i = 0; i < columns; i++) {
                Object value = rows.getObject(i + 1);
                numeric[i] |= value instanceof Number;
                // a table shows NULL apart from an empty text, as DuckDB's shell does; CSV leaves the cell empty
                line[i] = value == null ? (csv ? "" : "NULL") : text(value);
            }
            lines.add(line);
        }
        if (csv) {
            for (String[] line : lines) {
                List<String> cells = new ArrayList<>();
                for (String cell : line) {
                    cells.add(csvCell(Printable.keepingLineBreaks(cell)));
                }
                out.print(String.join(",", cells) + "\r\n");
            }
            return;
        }
        int[] widths = new int[columns];
        for (String[] line : lines) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], displayWidth(Printable.line(line[i])));
            }
        }
        for (int l = 0; l < lines.size(); l++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = Printable.line(lines.get(l)[i]);
                String padding = " ".repeat(widths[i] - displayWidth(cell));
                // numbers right-aligned, so that their digits line up
                text.append(i == 0 ? "" : " | ").append(numeric[i] && l > 0 ? padding + cell : cell + padding);
            }
            out.println(text.toString().stripTrailing());
            if (l == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
                }
                out.println(rule);
            }
        }
        out.println("(" + (lines.size() - 1) + " row" + (lines.size() == 2 ? ")" : "s)"));
    }

    /**
     * A failed statement as the analyst reads it: whole, as DuckDB words it (the error's kind, its sentence, and its
     * hints such as "Did you mean ...?"), control characters escaped.
     */
    static String failure(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return "query failed: " + Printable.keepingLineBreaks(message);
    }

    /** A value as text; decimals in plain notation, never 1.0E-4. */
    private static String text(Object value) {
        if ((value instanceof Double d && Double.isFinite(d)) || (value instanceof Float f && Float.isFinite(f))) {
            String plain = new java.math.BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
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
