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
        for (int i = 0; i < columns; i++) {
            header[i] = meta.getColumnLabel(i + 1);
        }
        lines.add(header);
        while (rows.next()) {
            String[] line = new String[columns];
            for (int i = 0; i < columns; i++) {
                Object value = rows.getObject(i + 1);
                line[i] = value == null ? "" : value.toString();
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
                text.append(i == 0 ? "" : " | ").append(cell).append(" ".repeat(widths[i] - displayWidth(cell)));
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
