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

    private static final String MEMORY_LIMIT = "1GB";

    /** A read-write connection to a database file (or to memory when {@code file} is null). */
    public static Connection open(Path file, Path spillFolder) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + (file == null ? "" : file.toString()));
        ExtractedNativeLibrary.removeCopy();
        try (var statement = connection.createStatement()) {
            statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
            statement.execute("SET preserve_insertion_order = false");
            if (spillFolder != null) {
                // a national campaign is larger than this: DuckDB spills to the warehouse's tmp/ instead of
                // growing the process, so a load fits beside the JVM on a small machine
                statement.execute("SET temp_directory = '" + literal(spillFolder.toString()) + "'");
                statement.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
            }
        }
        return connection;
    }

    /** A read-only connection: many readers may hold one at once, while a load builds the next state aside. */
    public static Connection openReadOnly(Path file) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file, properties);
        ExtractedNativeLibrary.removeCopy();
        return connection;
    }

    /** Escapes a text for a single-quoted SQL literal. */
    public static String literal(String text) {
        return text.replace("'", "''");
    }
}
