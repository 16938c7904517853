package cn.campaign.warehouse.testing;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.iceberg.LocalFileIO;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The star's Iceberg tables as another engine reads them: from the metadata file the committed catalog points to,
 * through Iceberg's own generic reader, which applies the position deletes; compared row by row with the DuckDB
 * table of the same name.
 */
public final class IcebergReadBack {

    private IcebergReadBack() {
    }

    /** Each Iceberg table of the warehouse with its row count, as Iceberg reads it. */
    public static Map<String, Integer> rowCounts(Path warehouse) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<String, String> table : metadataLocations(warehouse).entrySet()) {
            counts.put(table.getKey(), icebergRows(table.getKey(), table.getValue()).size());
        }
        return counts;
    }

    /**
     * Each Iceberg table with its row count, as an engine finds them through Iceberg's own JDBC catalog opened
     * read-only on the committed catalog file (as the README tells other engines to).
     */
    public static Map<String, Integer> rowCountsThroughJdbcCatalog(Path warehouse) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (JdbcCatalog catalog = new JdbcCatalog()) {
            catalog.initialize("campaign", Map.of(
                    CatalogProperties.URI, "jdbc:duckdb:" + warehouse.resolve("campaign.duckdb").toAbsolutePath(),
                    "jdbc.duckdb.read_only", "true",
                    CatalogProperties.WAREHOUSE_LOCATION, warehouse.resolve("star").toAbsolutePath().toString(),
                    CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName()));
            for (TableIdentifier id : catalog.listTables(Namespace.of("star"))) {
                int rows = 0;
                try (CloseableIterable<Record> records = IcebergGenerics.read(catalog.loadTable(id)).build()) {
                    for (Record ignored : records) {
                        rows++;
                    }
                }
                counts.put(id.name(), rows);
            }
        }
        return counts;
    }

    /** The tables whose rows, as Iceberg reads them, differ from the DuckDB table's, each with an example. */
    public static List<String> mismatches(Path warehouse) throws Exception {
        return mismatches(warehouse, metadataLocations(warehouse));
    }

    /**
     * The same comparison for the tables another catalog points to, found through Iceberg's own JDBC catalog at
     * {@code url} (a shared PostgreSQL catalog); a table the warehouse has and that catalog lacks is a mismatch.
     */
    public static List<String> mismatchesThroughCatalogAt(Path warehouse, String url) throws Exception {
        Map<String, String> locations = new LinkedHashMap<>();
        try (JdbcCatalog catalog = new JdbcCatalog()) {
            catalog.initialize("campaign", Map.of(CatalogProperties.URI, url,
                    CatalogProperties.WAREHOUSE_LOCATION, warehouse.resolve("star").toAbsolutePath().toString(),
                    CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName()));
            for (TableIdentifier id : catalog.listTables(Namespace.of("star"))) {
                locations.put(id.name(), ((org.apache.iceberg.HasTableOperations) catalog.loadTable(id)).operations()
                        .current().metadataFileLocation());
            }
        }
        List<String> mismatches = new ArrayList<>(mismatches(warehouse, locations));
        metadataLocations(warehouse).keySet().stream().filter(table -> !locations.containsKey(table))
                .forEach(table -> mismatches.add(table + ": not in the catalog at " + url));
        return mismatches;
    }

    private static List<String> mismatches(Path warehouse, Map<String, String> metadataLocations) throws Exception {
        List<String> mismatches = new ArrayList<>();
        try (Connection connection = Duck.openReadOnly(warehouse.resolve("campaign.duckdb"))) {
            for (Map.Entry<String, String> table : metadataLocations.entrySet()) {
                List<String> iceberg = icebergRows(table.getKey(), table.getValue());
                List<String> duckdb = duckDbRows(connection, table.getKey());
                if (!iceberg.equals(duckdb)) {
                    List<String> missing = new ArrayList<>(duckdb);
                    missing.removeAll(iceberg);
                    List<String> extra = new ArrayList<>(iceberg);
                    extra.removeAll(duckdb);
                    mismatches.add(table.getKey() + ": " + iceberg.size() + " rows in Iceberg, " + duckdb.size()
                            + " in DuckDB; missing " + missing.stream().limit(2).toList() + ", extra "
                            + extra.stream().limit(2).toList());
                }
            }
        }
        return mismatches;
    }

    /** The rows of the table's current snapshot that its position-delete files remove. */
    public static long positionDeletes(Path warehouse, String name) throws Exception {
        Table table = new BaseTable(new StaticTableOperations(metadataLocations(warehouse).get(name),
                new LocalFileIO()), name);
        return Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-position-deletes", "0"));
    }

    /** Each table's current snapshot id (-1 for a table without one): a table no load changed keeps its id. */
    public static Map<String, Long> currentSnapshotIds(Path warehouse) throws Exception {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (Map.Entry<String, String> location : metadataLocations(warehouse).entrySet()) {
            Table table = new BaseTable(new StaticTableOperations(location.getValue(), new LocalFileIO()),
                    location.getKey());
            ids.put(location.getKey(), table.currentSnapshot() == null ? -1L : table.currentSnapshot().snapshotId());
        }
        return ids;
    }

    /** Each star table's current metadata file, as the JDBC catalog in the database at {@code url} records it. */
    public static Map<String, String> metadataLocationsInCatalogAt(String url) throws Exception {
        Map<String, String> pointers = new LinkedHashMap<>();
        try (Connection connection = java.sql.DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select table_name, metadata_location from iceberg_tables "
                     + "where catalog_name = 'campaign' and table_namespace = 'star' order by table_name")) {
            while (rows.next()) {
                pointers.put(rows.getString(1), rows.getString(2));
            }
        }
        return pointers;
    }

    /** Each table's current metadata file, as the committed catalog file records it. */
    public static Map<String, String> metadataLocations(Path warehouse) throws Exception {
        Map<String, String> locations = new LinkedHashMap<>();
        try (Connection connection = Duck.openReadOnly(warehouse.resolve("campaign.duckdb"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select table_name, metadata_location from iceberg_tables order by table_name")) {
            while (rows.next()) {
                locations.put(rows.getString(1), rows.getString(2));
            }
        }
        return locations;
    }

    private static List<String> icebergRows(String name, String metadataLocation) throws Exception {
        Table table = new BaseTable(new StaticTableOperations(metadataLocation, new LocalFileIO()), name);
        int columns = table.schema().columns().size();
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            for (Record record : records) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < columns; i++) {
                    values.add(text(record.get(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        Collections.sort(rows);
        return rows;
    }

    private static List<String> duckDbRows(Connection connection, String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select * from " + table)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(text(result.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        Collections.sort(rows);
        return rows;
    }

    /** One text for a value whichever reader gave it: instants in UTC, dates as ISO dates. */
    private static String text(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof java.sql.Timestamp time) {
            return time.toInstant().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        return String.valueOf(value);
    }
}
