package cn.campaign.warehouse.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens DuckDB connections the way the warehouse uses them. */
public final class Duck {

    private Duck() {
    }

    /** A read-write connection to a database file (or to memory when {@code file} is null). */
    public static Connection open(Path file, Path spillFolder) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + (file == null ? "" : file.toString()));
        try (var statement = connection.createStatement()) {
            statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
            statement.execute("SET preserve_insertion_order = false");
            if (spillFolder != null) {
                statement.execute("SET temp_directory = '" + literal(spillFolder.toString()) + "'");
            }
        }
        return connection;
    }

    /** A read-only connection: many readers may hold one at once, while a load builds the next state aside. */
    public static Connection openReadOnly(Path file) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + file, properties);
    }

    /** Escapes a text for a single-quoted SQL literal. */
    public static String literal(String text) {
        return text.replace("'", "''");
    }
}
