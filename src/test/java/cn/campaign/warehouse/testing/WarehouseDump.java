package cn.campaign.warehouse.testing;

import cn.campaign.warehouse.catalog.Duck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every row of every table and view of a warehouse catalog, in a stable order, leaving out the columns that
 * record when something happened or which files a load wrote (two loads of the same deliveries differ only there).
 */
public final class WarehouseDump {

    private static final Set<String> WHEN_COLUMNS = Set.of("seen_at", "built_at", "version", "metadata_location",
            "previous_metadata_location");

    private WarehouseDump() {
    }

    public static Map<String, List<String>> of(Path warehouse) throws Exception {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        try (Connection connection = Duck.openReadOnly(warehouse.resolve("campaign.duckdb"))) {
            Map<String, List<String>> columns = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select table_name, column_name from duckdb_columns() "
                         + "where schema_name = 'main' and database_name = current_database() and not internal "
                         + "order by table_name, column_index")) {
                while (rows.next()) {
                    if (!WHEN_COLUMNS.contains(rows.getString(2))) {
                        columns.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
                    }
                }
            }
            for (Map.Entry<String, List<String>> table : columns.entrySet()) {
                List<String> lines = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("select " + String.join(", ", table.getValue())
                             + " from " + table.getKey() + " order by all")) {
                    int count = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int i = 1; i <= count; i++) {
                            line.append(i > 1 ? "|" : "").append(rows.getObject(i));
                        }
                        lines.add(line.toString());
                    }
                }
                dump.put(table.getKey(), lines);
            }
        }
        return dump;
    }
}
