package cn.campaign.warehouse.iceberg;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.JdbcClientPool;

/**
 * The star tables' pointers (each table's current metadata file) as Iceberg's JDBC catalog keeps them, in its table
 * (the model of role {@code iceberg_pointers}): read from a committed {@code campaign.duckdb}, and copied into
 * another JDBC catalog in one database transaction, so that a reader of that catalog sees every table at the old
 * committed state or every table at the new one, never a mixture. Iceberg's own commit moves one table at a time; a
 * load moves all of them.
 */
public final class TablePointers {

    /** One table's pointer; {@code previous} is the metadata file it replaced (null for a new table). */
    public record Pointer(String table, String metadata, String previous) {
    }

    private TablePointers() {
    }

    /**
     * The pointers the catalog in {@code connection}'s database records for the star's tables in {@code table}, the
     * name Iceberg gives its catalog table.
     */
    public static List<Pointer> recordedIn(Connection connection, String table) throws SQLException {
        List<Pointer> pointers = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select table_name, metadata_location, previous_metadata_location
                from %s
                where catalog_name = ? and table_namespace = ? and coalesce(iceberg_type, 'TABLE') = 'TABLE'
                order by table_name""".formatted(table))) {
            statement.setString(1, StarTables.CATALOG);
            statement.setString(2, StarTables.NAMESPACE.toString());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pointers.add(new Pointer(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains(table)) {
                return pointers; // a catalog committed before the star was kept as Iceberg tables
            }
            throw e;
        }
        return pointers;
    }

    /**
     * Creates Iceberg's catalog tables and the star's namespace in the database at {@code url} where they are missing,
     * with Iceberg's own JDBC catalog, so that Spark and Trino find the layout they expect.
     */
    public static void prepareCatalogAt(String url, Properties signIn, Path star) {
        Map<String, String> properties = new java.util.HashMap<>(Map.of(CatalogProperties.URI, url,
                CatalogProperties.WAREHOUSE_LOCATION, star.toAbsolutePath().toString(),
                "jdbc.schema-version", "V1"));
        signIn.stringPropertyNames().forEach(key -> properties.put("jdbc." + key, signIn.getProperty(key)));
        try (JdbcCatalog catalog = new JdbcCatalog(io -> new LocalFileIO(),
                pool -> new JdbcClientPool(url, pool), true)) {
            catalog.initialize(StarTables.CATALOG, properties);
            if (!catalog.namespaceExists(StarTables.NAMESPACE)) {
                catalog.createNamespace(StarTables.NAMESPACE);
            }
        }
    }

    /**
     * Makes the catalog in {@code target}'s database record exactly {@code pointers} for the star, in one
     * transaction: tables moved, added and dropped together. Returns how many rows it changed (0: it already did).
     */
    public static int copyInto(Connection target, String table, List<Pointer> pointers) throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try {
            int changed = 0;
            Map<String, String> current = new java.util.HashMap<>();
            try (PreparedStatement statement = target.prepareStatement("""
                    select table_name, metadata_location from %s
                    where catalog_name = ? and table_namespace = ? and coalesce(iceberg_type, 'TABLE') = 'TABLE'
                    for update""".formatted(table))) {
                bindTable(statement, null);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        current.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            for (Pointer pointer : pointers) {
                String now = current.get(pointer.table());
                if (pointer.metadata().equals(now)) {
                    continue;
                }
                String sql = now != null
                        ? "update " + table + " set metadata_location = ?, previous_metadata_location = ?, "
                        + "iceberg_type = 'TABLE' where catalog_name = ? and table_namespace = ? and table_name = ?"
                        : "insert into " + table + " (metadata_location, previous_metadata_location, iceberg_type, "
                        + "catalog_name, table_namespace, table_name) values (?, ?, 'TABLE', ?, ?, ?)";
                try (PreparedStatement statement = target.prepareStatement(sql)) {
                    statement.setString(1, pointer.metadata());
                    // the reader's previous metadata is the one it pointed to, whatever the loads in between did
                    statement.setString(2, now);
                    statement.setString(3, StarTables.CATALOG);
                    statement.setString(4, StarTables.NAMESPACE.toString());
                    statement.setString(5, pointer.table());
                    changed += statement.executeUpdate();
                }
            }
            Set<String> kept = pointers.stream().map(Pointer::table).collect(Collectors.toSet());
            for (String dropped : current.keySet().stream().filter(name -> !kept.contains(name)).sorted().toList()) {
                try (PreparedStatement statement = target.prepareStatement("delete from " + table
                        + " where catalog_name = ? and table_namespace = ? and table_name = ?")) {
                    bindTable(statement, dropped);
                    changed += statement.executeUpdate();
                }
            }
            target.commit();
            return changed;
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(autoCommit);
        }
    }

    private static void bindTable(PreparedStatement statement, String table) throws SQLException {
        statement.setString(1, StarTables.CATALOG);
        statement.setString(2, StarTables.NAMESPACE.toString());
        if (table != null) {
            statement.setString(3, table);
        }
    }
}
