package cn.campaign.warehouse.publish;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
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

    record Written(byte[] bytes, long rows) {
    }

    static Written write(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        StringBuilder text = new StringBuilder("\uFEFF");
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
            header.add(quote(meta.getColumnLabel(i)));
        }
        text.append(String.join(",", header)).append("\r\n");
        long count = 0;
        while (rows.next()) {
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                cells.add(cell(rows.getObject(i)));
            }
            text.append(String.join(",", cells)).append("\r\n");
            count++;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return new Written(bytes.toByteArray(), count);
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
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return quote(text);
    }

    private static String quote(String text) {
        return text.matches("(?s).*[\",\r\n].*") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
