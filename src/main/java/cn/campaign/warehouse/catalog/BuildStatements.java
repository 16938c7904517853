package cn.campaign.warehouse.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statements of the staging, warehouse and intermediate layers a state's tables were built with, kept in the
 * catalog in the table of role {@code built_with} ({@link LoaderTable}): a load may bring a committed state up to date
 * only if this version would have built it the same way (and write it in the same storage format). The marts are not
 * among them: every load rebuilds them whole.
 */
record BuildStatements(Map<String, String> statements) {

    private static final List<String> LAYERS = List.of("staging", "warehouse", "intermediate");

    static BuildStatements current() {
        Map<String, String> statements = new TreeMap<>();
        for (String layer : LAYERS) {
            SqlFolder.read(layer).forEach((name, sql) -> statements.put(layer + "/" + name, sql));
        }
        // a state written in another storage format is rebuilt rather than continued, so that it takes this one
        statements.put("storage/compatibility_version", Duck.STORAGE_COMPATIBILITY);
        return new BuildStatements(statements);
    }

    /** What a committed catalog was built with; nothing for a catalog older than this table. */
    static BuildStatements of(Path catalog) throws SQLException {
        Map<String, String> statements = new TreeMap<>();
        try (Connection connection = Duck.openReadOnly(catalog); Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "select count(*) from duckdb_tables() where table_name = '" + LoaderTable.BUILT_WITH.table()
                            + "'")) {
                exists.next();
                if (exists.getLong(1) == 0) {
                    return new BuildStatements(statements);
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "select layer, object_name, statement from " + LoaderTable.BUILT_WITH.table())) {
                while (rows.next()) {
                    statements.put(rows.getString(1) + "/" + rows.getString(2), rows.getString(3));
                }
            }
        }
        return new BuildStatements(statements);
    }

    void write(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace table " + LoaderTable.BUILT_WITH.table()
                    + " (layer varchar, object_name varchar, "
                    + "statement varchar)");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into " + LoaderTable.BUILT_WITH.table() + " values (?, ?, ?)")) {
            for (Map.Entry<String, String> entry : statements.entrySet()) {
                String[] name = entry.getKey().split("/", 2);
                insert.setString(1, name[0]);
                insert.setString(2, name[1]);
                insert.setString(3, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
