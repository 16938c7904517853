package cn.campaign.warehouse.publish;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a report as published CSV (surface §3): UTF-8 with a byte-order mark, RFC 4180 with CRLF, a header row,
 * fractions with 6 decimals, booleans as true/false, nulls as empty cells, and any text that a spreadsheet would
 * run as a formula neutralised with a leading apostrophe.
 */
final class CsvSnapshotWriter {

    private CsvSnapshotWriter() {
    }

    /** One cell published empty by small-cell suppression. */
    record Suppressed(String key, String column) {
    }

    record Written(byte[] bytes, long rows, List<Suppressed> suppressed) {
    }

    static Written write(ResultSet rows, ReportView view, long smallCellMax) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        StringBuilder text = new StringBuilder("\uFEFF");
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
            header.add(quote(meta.getColumnLabel(i)));
        }
        text.append(String.join(",", header)).append("\r\n");
        long count = 0;
        List<Suppressed> suppressed = new ArrayList<>();
        while (rows.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= columns; i++) {
                row.put(meta.getColumnLabel(i), rows.getObject(i));
            }
            Set<String> blank = view.suppressedColumns(row, smallCellMax);
            List<String> cells = new ArrayList<>();
            for (Map.Entry<String, Object> value : row.entrySet()) {
                if (blank.contains(value.getKey())) {
                    cells.add("");
                    suppressed.add(new Suppressed(view.keyOf(row), value.getKey()));
                } else {
                    cells.add(cell(value.getValue()));
                }
            }
            text.append(String.join(",", cells)).append("\r\n");
            count++;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return new Written(bytes.toByteArray(), count, suppressed);
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
