package cn.campaign.warehouse.publish;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of one report view as a snapshot publishes them, small cells already emptied, read once and written as
 * CSV, as a workbook sheet and as the page's data alike, so that the three can never disagree.
 */
record ReportTable(ReportView view, List<String> columns, List<Row> rows, List<Suppressed> suppressed) {

    /** One row: its values in column order, null where the value is null or suppressed. */
    record Row(List<Object> values, Set<String> suppressed) {

        Object get(int column) {
            return values.get(column);
        }
    }

    /** One cell published empty by small-cell suppression, named as the manifest names it. */
    record Suppressed(String key, String column) {
    }

    static ReportTable read(ResultSet rows, ReportView view, long smallCellMax) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<Row> read = new ArrayList<>();
        List<Suppressed> suppressed = new ArrayList<>();
        while (rows.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= columns.size(); i++) {
                row.put(columns.get(i - 1), rows.getObject(i));
            }
            Set<String> blank = view.suppressedColumns(row, smallCellMax);
            List<Object> values = new ArrayList<>();
            for (Map.Entry<String, Object> value : row.entrySet()) {
                if (blank.contains(value.getKey())) {
                    values.add(null);
                    suppressed.add(new Suppressed(view.keyOf(row), value.getKey()));
                } else {
                    values.add(value.getValue());
                }
            }
            read.add(new Row(values, Set.copyOf(blank)));
        }
        return new ReportTable(view, List.copyOf(columns), List.copyOf(read), List.copyOf(suppressed));
    }
}
