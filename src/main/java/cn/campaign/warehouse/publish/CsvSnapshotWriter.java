package cn.campaign.warehouse.publish;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a report as published CSV (surface §3): UTF-8 with a byte-order mark, RFC 4180 with CRLF, a header row,
 * fractions with 6 decimals, booleans as true/false, nulls as empty cells, and any text that a spreadsheet would
 * run as a formula neutralised with a leading apostrophe.
 */
final class CsvSnapshotWriter {

    private CsvSnapshotWriter() {
    }

    static byte[] write(ReportTable table) {
        List<List<?>> lines = new ArrayList<>();
        lines.add(table.columns());
        for (ReportTable.Row row : table.rows()) {
            lines.add(row.values());
        }
        return write(lines);
    }

    /** Lines of cells, the first being the header, as CSV bytes. */
    static byte[] write(List<? extends List<?>> lines) {
        StringBuilder text = new StringBuilder("\uFEFF");
        for (List<?> line : lines) {
            List<String> cells = new ArrayList<>();
            for (Object value : line) {
                cells.add(cell(value));
            }
            text.append(String.join(",", cells)).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return new BigDecimal(value.toString()).setScale(6, RoundingMode.HALF_UP).toPlainString();
        }
        if (value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        // a tab or carriage return before a formula is skipped by spreadsheets, so it starts one as well
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return quote(text);
    }

    private static String quote(String text) {
        return text.matches("(?s).*[\",\r\n].*") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
