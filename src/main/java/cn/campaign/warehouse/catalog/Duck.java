package cn.campaign.warehouse.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.WeakHashMap;
import org.slf4j.LoggerFactory;

/** Opens DuckDB connections the way the warehouse uses them. */
public final class Duck {

    private Duck() {
    }

    private static final String MEMORY_LIMIT = "1GB";

    /**
     * The files this process holds open read-only, by connection. Another process's reader holds a lock that keeps
     * a load from writing the file (see {@link StandbyCatalog}); a reader in this process does not, since the locks
     * are the process's own, so the load asks here.
     */
    private static final Map<Connection, Object> READERS = new WeakHashMap<>();

    /**
     * The oldest DuckDB release whose clients must open the files the warehouse writes: analysts keep the LTS and
     * the latest 1.x clients, which refuse the 2.0 storage format. A state written under another setting is rebuilt
     * (see {@link BuildStatements}).
     */
    static final String STORAGE_COMPATIBILITY = "v1.4.0";

    /** The oldest DuckDB release whose clients open the catalog, as people name it ("1.4.0"). */
    public static String oldestClient() {
        return STORAGE_COMPATIBILITY.substring(1);
    }

    /**
     * Loads DuckDB's native library by opening and closing a connection to memory, and nothing else: no setting, no
     * removal of the driver's copy, no log line. For a thread started before logging is set up: a thread that logs
     * while SLF4J is being set up on another has its lines held and replayed, and SLF4J says so on stderr in lines of
     * its own, which break a JSON log and puzzle whoever reads the output.
     */
    public static void loadLibrary() throws SQLException {
        DriverManager.getConnection("jdbc:duckdb:").close();
    }

    /** A read-write connection to a database file (or to memory when {@code file} is null). */
    public static Connection open(Path file, Path spillFolder) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("storage_compatibility_version", STORAGE_COMPATIBILITY);
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + (file == null ? "" : file.toString()),
                properties);
        ExtractedNativeLibrary.removeCopy();
        try (var statement = connection.createStatement()) {
            statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
            statement.execute("SET preserve_insertion_order = false");
            if (spillFolder != null) {
                // a national campaign is larger than this: DuckDB spills to the warehouse's tmp/ instead of
                // growing the process, so a load fits beside the JVM on a small machine
                statement.execute("SET temp_directory = '" + literal(spillFolder.toString()) + "'");
                statement.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
                // a night reads gigabytes of blocks through this 1 GB: from a pool kept while the database is open,
                // an evicted block's memory serves the next read at once, where memory given back to the system is
                // faulted in again page by page (a quarter of a night's CPU was the kernel's, mostly page faults;
                // the pool saves a tenth of the night, docs/BENCHMARKS.md, session 22). Not all of it: at the limit,
                // DuckDB 2.0 still gives the pool's free blocks back once they reach a sixteenth of it, and purges
                // its other memory with them (session 27); no setting stops that, and a larger limit did not help
                statement.execute("SET block_allocator_memory = '" + MEMORY_LIMIT + "'");
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
        return remembered(connection, file);
    }

    private static Connection remembered(Connection connection, Path file) {
        Object key = fileKey(file);
        if (key != null) {
            synchronized (READERS) {
                READERS.put(connection, key);
            }
        }
        return connection;
    }

    /** Whether a connection of this process that is still open reads the file (under any of its names). */
    static boolean readInThisProcess(Path file) {
        Object key = fileKey(file);
        if (key == null) {
            return false;
        }
        synchronized (READERS) {
            for (Map.Entry<Connection, Object> reader : READERS.entrySet()) {
                if (key.equals(reader.getValue()) && open(reader.getKey())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean open(Connection connection) {
        try {
            return !connection.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    private static Object fileKey(Path file) {
        try {
            return Objects.requireNonNullElse(Files.readAttributes(file, BasicFileAttributes.class).fileKey(),
                    file.toRealPath());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * An analyst's connection: the warehouse's own tables and views and nothing else. DuckDB is opened read-only with
     * external access off (no file is read or written but the database itself: no COPY, read_*, glob, ATTACH,
     * INSTALL or LOAD), extensions neither installed nor loaded on demand, and the configuration locked so that no
     * query can turn any of this back on. The pseudonymisation key in the process environment stays out of reach.
     * Nothing spills to disk either: DuckDB would write a query's overflow into the warehouse folder
     * ({@code campaign.duckdb.tmp/}, up to 90 % of the free disk the nightly load needs), so a query needing more
     * than {@code memoryLimit} (DuckDB's default, 80 % of the machine's memory, when empty) fails instead.
     */
    public static Connection openForAnalyst(Path file, Optional<String> memoryLimit) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        properties.setProperty("temp_directory", "");
        memoryLimit.ifPresent(limit -> properties.setProperty("memory_limit", limit));
        properties.setProperty("enable_external_access", "false");
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        properties.setProperty("allow_community_extensions", "false");
        properties.setProperty("allow_unsigned_extensions", "false");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file, properties);
        ExtractedNativeLibrary.removeCopy();
        try (var statement = connection.createStatement()) {
            statement.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return remembered(connection, file);
    }

    /** The write-ahead log DuckDB keeps beside a database file while changes are not yet checkpointed into it. */
    static Path walOf(Path file) {
        return Path.of(file + ".wal");
    }

    /**
     * Closes a connection whose work is over or abandoned, when a failure to close changes nothing for the caller
     * (the file is deleted or left to the next run); null is nothing to close.
     */
    public static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LoggerFactory.getLogger(Duck.class).debug("closing a connection whose work is over", e);
        }
    }

    /** Deletes a database file and its write-ahead log, where they exist. */
    static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(walOf(file));
    }

    /** Whether DuckDB refused to open a file because another process holds it. */
    static boolean heldByAnotherProcess(SQLException refusal) {
        return String.valueOf(refusal.getMessage()).contains("Could not set lock on file");
    }

    /** Escapes a text for a single-quoted SQL literal. */
    public static String literal(String text) {
        return text.replace("'", "''");
    }
}
