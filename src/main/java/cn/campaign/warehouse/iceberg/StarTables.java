package cn.campaign.warehouse.iceberg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileMetadata;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The star schema's Iceberg tables, as the DuckDB database of a load records them. DuckDB writes each table's data
 * files and position-delete files; Iceberg's JDBC catalog, working in that same database, commits them, so the
 * tables' metadata pointers become visible only with the catalog file the load commits by renaming it.
 */
public final class StarTables implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StarTables.class);
    static final Namespace NAMESPACE = Namespace.of("star");
    static final String CATALOG = "campaign";
    private static final Map<String, String> PROPERTIES = Map.of(
            TableProperties.FORMAT_VERSION, "2",
            TableProperties.PARQUET_COMPRESSION, "zstd",
            // the metadata file a committed catalog points to stays while later loads commit several versions
            TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
            TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "30");

    /**
     * What a load did to one table: replaced it whole, or, for a table maintained identity by identity, replaced the
     * rows whose {@code columns} (its key) hold a row of {@code replaced} with {@code written} (a relation of the rows
     * it wrote), or only added rows ({@code replacesRows} false: no position delete to find).
     */
    public record Change(String table, List<String> columns, String replaced, String written, boolean replacesRows) {

        public static Change whole(String table) {
            return new Change(table, List.of(), null, null, true);
        }

        public boolean isWhole() {
            return replaced == null;
        }
    }

    /** How long a replaced snapshot stays readable, and the deleted share of a table's rows that compacts it. */
    public record Upkeep(Duration retention, double compactAtDeletedShare, int compactAtDataFiles) {
    }

    /** The rows of a table rewritten whole up to which it is first compared with its current snapshot. */
    private static final long COMPARED_ROWS_AT_MOST = 1_000_000;

    private final DuckDBConnection connection;
    private final Path root;
    private final JdbcCatalog catalog;

    private StarTables(DuckDBConnection connection, Path root, JdbcCatalog catalog) {
        this.connection = connection;
        this.root = root;
        this.catalog = catalog;
    }

    /** The Iceberg tables recorded in {@code connection}'s database, with their files under {@code root}. */
    public static StarTables open(Connection connection, Path root) {
        DuckDBConnection database = (DuckDBConnection) connection;
        JdbcCatalog catalog = catalogIn(database, root, true);
        if (!catalog.namespaceExists(NAMESPACE)) {
            catalog.createNamespace(NAMESPACE);
        }
        return new StarTables(database, root, catalog);
    }

    static JdbcCatalog catalogIn(DuckDBConnection database, Path root, boolean writable) {
        JdbcCatalog catalog = new JdbcCatalog(properties -> new LocalFileIO(),
                properties -> new CatalogConnectionPool(database, properties), writable);
        // the URI is required, though the pool above makes the connections
        catalog.initialize(CATALOG, Map.of(CatalogProperties.URI, "jdbc:duckdb:",
                CatalogProperties.WAREHOUSE_LOCATION, root.toAbsolutePath().toString(),
                "jdbc.schema-version", "V1"));
        return catalog;
    }

    /**
     * Registers the tables a committed catalog (one that has Iceberg's catalog tables) records, where this database
     * records none: a load that rebuilds
     * every table rather than continuing the committed state still continues the tables' history, so that their
     * older files expire rather than being forgotten.
     */
    public void adoptFrom(Connection committed) throws IOException {
        if (!catalog.listTables(NAMESPACE).isEmpty()) {
            return;
        }
        try (JdbcCatalog previous = catalogIn((DuckDBConnection) committed, root, false)) {
            if (!previous.namespaceExists(NAMESPACE)) {
                return;
            }
            for (TableIdentifier table : previous.listTables(NAMESPACE)) {
                try {
                    catalog.registerTable(table, ((HasTableOperations) previous.loadTable(table)).operations()
                            .current().metadataFileLocation());
                } catch (NotFoundException | RuntimeIOException e) {
                    log.warn("the Iceberg table {} cannot be read ({}); it is written again whole", table,
                            e.getMessage());
                }
            }
        }
    }

    /**
     * Commits each table's change, then compacts and expires what the upkeep settings say.
     *
     * @return for each table maintained identity by identity, the data file its change appended, as a path under the
     *         star's folder, when that file holds exactly the rows written and is a file of the table's current
     *         snapshot: the next load brings its standby up to date from it (a table compacted since, or given no
     *         file, is not named)
     */
    public Map<String, Path> commit(List<Change> changes, Upkeep upkeep, Instant now) throws SQLException,
            IOException {
        Map<String, Path> appended = new LinkedHashMap<>();
        for (Change change : changes) {
            long started = System.nanoTime();
            String done;
            try {
                done = commit(change, upkeep, now, appended);
            } catch (RuntimeIOException e) {
                // Iceberg's unchecked I/O failure, as the checked one the launcher explains to the operator
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IOException("the star's Iceberg table " + change.table() + " could not be written: "
                        + cause.getMessage(), cause);
            }
            log.debug("Iceberg table {}: {} in {} ms", change.table(), done, (System.nanoTime() - started) / 1_000_000);
        }
        return appended;
    }

    private String commit(Change change, Upkeep upkeep, Instant now, Map<String, Path> appended)
            throws SQLException, IOException {
        TableColumns described = TableColumns.of(connection, change.table());
        TableIdentifier id = TableIdentifier.of(NAMESPACE, change.table());
        Table table = usable(id);
        if (table == null) {
            table = catalog.buildTable(id, described.schema()).withProperties(PROPERTIES)
                    .withLocation(root.resolve(change.table()).toAbsolutePath().toString()).create();
            replaceAll(table, described.withIdsOf(table.schema()));
            return "created";
        }
        Snapshot committed = table.currentSnapshot();
        String done;
        if (!described.sameAs(table.schema())) {
            // the statement changed the table's columns: the new layout replaces the old, keeping the history; a
            // column keeps its field id, the new ones get new ids, and the data file must carry them
            Transaction replace = catalog.newReplaceTableTransaction(id, described.schema(),
                    PartitionSpec.unpartitioned(), PROPERTIES, false);
            TableColumns columns = described.withIdsOf(replace.table().schema());
            DataFile file = writeData(columns, "from " + change.table());
            if (file != null) {
                replace.newAppend().appendFile(file).commit();
            }
            replace.commitTransaction();
            table.refresh();
            done = "replaced with new columns";
        } else if (change.isWhole()) {
            TableColumns columns = described.withIdsOf(table.schema());
            if (holdsTheRowsOf(table, columns)) {
                // a small table rebuilt each night mostly comes out the same: its snapshot, and files, stay
                done = "unchanged";
            } else {
                replaceAll(table, columns);
                done = "rewritten whole";
            }
        } else {
            TableColumns columns = described.withIdsOf(table.schema());
            Applied applied = applyChange(table, columns, change);
            String compacted = compactIfDue(table, columns, upkeep);
            if (applied.written() != null && compacted.isEmpty()) {
                appended.put(change.table(), root.toAbsolutePath().relativize(Path.of(applied.written().location())));
            }
            done = applied.done() + compacted;
        }
        expire(table, committed, upkeep, now);
        return done;
    }

    /**
     * The table as the catalog records it, or null when there is none to continue. A table whose current metadata
     * cannot be read (its files removed by hand, say) is forgotten, so that it is written again whole rather than
     * failing every later load; so is a table kept elsewhere (the warehouse folder was moved or copied), whose
     * metadata must not be written to another warehouse's folder. DuckDB's tables are unaffected either way.
     */
    private Table usable(TableIdentifier id) {
        try {
            Table table = catalog.loadTable(id);
            String expected = root.resolve(id.name()).toAbsolutePath().toString();
            if (LocalFileIO.path(table.location()).toAbsolutePath().toString().equals(expected)) {
                return table;
            }
            log.warn("the Iceberg table {} is kept at {}, not in this warehouse; it is written again whole at {}",
                    id, table.location(), expected);
        } catch (NoSuchTableException e) {
            return null;
        } catch (NotFoundException | RuntimeIOException e) {
            log.warn("the Iceberg table {} cannot be read ({}); it is written again whole", id, e.getMessage());
        }
        catalog.dropTable(id, false);
        return null;
    }

    /**
     * Replaces every file of the table with one holding all its rows, or with none when it has no rows: Iceberg's
     * row filter never matches a file of no rows, so an empty file once added would stay for good.
     */
    private void replaceAll(Table table, TableColumns columns) throws SQLException, IOException {
        OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue());
        DataFile file = writeData(columns, "from " + columns.table());
        if (file != null) {
            overwrite.addFile(file);
        }
        overwrite.commit();
    }

    /** What a change did, for the log, and the data file it appended (null when none). */
    private record Applied(String done, DataFile written) {
    }

    /** Appends the rows written and deletes, by position, the rows they replace. */
    private Applied applyChange(Table table, TableColumns columns, Change change) throws SQLException, IOException {
        if (count("select count(*) from " + change.written()) == 0 && (!change.replacesRows()
                || count("select count(*) from " + change.replaced()) == 0)) {
            return new Applied("unchanged", null);
        }
        DataFile written = writeData(columns, "from " + change.written());
        // rows only added (new records, with the durable keys no new member touches a fact): no live row to find
        DeleteFile deletes = change.replacesRows() ? writePositionDeletes(table, change) : null;
        RowDelta delta = table.newRowDelta();
        if (written != null) {
            delta.addRows(written);
        }
        if (deletes != null) {
            delta.addDeletes(deletes);
        }
        delta.commit();
        return new Applied((written == null ? 0 : written.recordCount()) + " rows appended, "
                + (deletes == null ? 0 : deletes.recordCount()) + " deleted", written);
    }

    /**
     * Whether the Iceberg table's current snapshot holds exactly the rows of the catalog's table: the same number,
     * no delete file, and no catalog row missing from its data files.
     */
    private boolean holdsTheRowsOf(Table table, TableColumns columns) throws SQLException, IOException {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return false;
        }
        Map<String, String> summary = current.summary();
        long records = Long.parseLong(summary.getOrDefault("total-records", "-1"));
        // a large table rewritten whole (after a whole build) is rewritten without comparing: comparing its rows
        // would hold them all in one hash table
        if (records > COMPARED_ROWS_AT_MOST || !summary.getOrDefault("total-delete-files", "0").equals("0")
                || records != count("select count(*) from " + columns.table())) {
            return false;
        }
        List<String> dataFiles = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                dataFiles.add(task.file().location());
            }
        }
        if (dataFiles.isEmpty()) {
            return records == 0;
        }
        // as many rows on both sides, and none of the catalog's missing: the same rows, duplicates included
        return count("select count(*) from (select " + columns.selectList() + " from " + columns.table()
                + " except all select " + columns.names().stream().map(name -> '"' + name.replace("\"", "\"\"")
                + '"').collect(Collectors.joining(", ")) + " from read_parquet(" + list(dataFiles) + "))") == 0;
    }

    /**
     * Rewrites the table as one file once the rows its delete files remove pass the share the upkeep allows, or its
     * data files (one more each night for an appended fact) pass their number: every reader opens each of them.
     */
    private String compactIfDue(Table table, TableColumns columns, Upkeep upkeep) throws SQLException, IOException {
        Map<String, String> summary = table.currentSnapshot().summary();
        long records = Long.parseLong(summary.getOrDefault("total-records", "0"));
        long deleted = Long.parseLong(summary.getOrDefault("total-position-deletes", "0"));
        long dataFiles = Long.parseLong(summary.getOrDefault("total-data-files", "0"));
        if (records > 0 && (double) deleted / records > upkeep.compactAtDeletedShare()) {
            replaceAll(table, columns);
            return "; compacted (" + deleted + " of " + records + " rows deleted)";
        }
        if (dataFiles > upkeep.compactAtDataFiles()) {
            replaceAll(table, columns);
            return "; compacted (" + dataFiles + " data files)";
        }
        return "";
    }

    /**
     * Expires the snapshots replaced before the retention period, never one at or after the snapshot the committed
     * catalog points to: that one stays readable until a later load's commit and retention have passed it.
     */
    private static void expire(Table table, Snapshot committed, Upkeep upkeep, Instant now) {
        long cutoff = now.minus(upkeep.retention()).toEpochMilli();
        if (committed != null) {
            cutoff = Math.min(cutoff, committed.timestampMillis());
        }
        table.expireSnapshots().expireOlderThan(cutoff).retainLast(1).commit();
    }

    /** Writes the rows as a new data file of the table; null, and no file, when there are none. */
    private DataFile writeData(TableColumns columns, String rows) throws SQLException, IOException {
        Path file = newFile(columns.table(), "");
        long written = copy("copy (select " + columns.selectList() + " " + rows + ") to '" + literal(file)
                + "' (format parquet, compression zstd, row_group_size 122880, field_ids " + columns.fieldIds()
                + ")");
        if (written == 0) {
            Files.delete(file);
            return null;
        }
        return DataFiles.builder(PartitionSpec.unpartitioned()).withPath(file.toString())
                .withFormat(FileFormat.PARQUET).withFileSizeInBytes(Files.size(file)).withRecordCount(written)
                .build();
    }

    /**
     * The positions, in the table's live data files, of the replaced rows not yet deleted: found by their key
     * columns alone, the narrowest the files can be searched by.
     */
    private DeleteFile writePositionDeletes(Table table, Change change) throws SQLException, IOException {
        List<String> dataFiles = new ArrayList<>();
        List<String> deleteFiles = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                dataFiles.add(task.file().location());
                task.deletes().forEach(delete -> {
                    if (!deleteFiles.contains(delete.location())) {
                        deleteFiles.add(delete.location());
                    }
                });
            }
        }
        if (dataFiles.isEmpty()) {
            return null;
        }
        String matching = change.columns().stream().map(column -> "d." + column + " = x." + column)
                .collect(Collectors.joining(" and "));
        // the rows deleted before are matched by their file's number, not its path: the deletes of the nights since
        // the last compaction (millions of rows on a national dimension) are hashed, and a path is a hundred bytes
        String numbered = "with data_files (file_path, file_number) as (values " + IntStream.range(0, dataFiles.size())
                .mapToObj(i -> "('" + literal(Path.of(dataFiles.get(i))) + "', " + i + ")")
                .collect(Collectors.joining(", ")) + ")";
        String live = deleteFiles.isEmpty() ? "" : " anti join (select f.file_number, g.pos from read_parquet("
                + list(deleteFiles) + ") as g join data_files as f using (file_path)) as g using (file_number, pos)";
        Path file = newFile(change.table(), "-deletes");
        long deleted = copy("copy (" + numbered + " select c.file_path, c.pos from (select f.file_path, f.file_number, "
                + "d.file_row_number as pos from read_parquet(" + list(dataFiles) + ", filename = true, "
                + "file_row_number = true) as d semi join " + change.replaced() + " as x on " + matching
                + " join data_files as f on f.file_path = d.filename) as c" + live + " order by file_path, pos) to '"
                + literal(file)
                + "' (format parquet, compression zstd, field_ids {file_path: " + MetadataColumns.DELETE_FILE_PATH
                .fieldId() + ", pos: " + MetadataColumns.DELETE_FILE_POS.fieldId() + "})");
        if (deleted == 0) {
            Files.delete(file);
            return null;
        }
        return FileMetadata.deleteFileBuilder(PartitionSpec.unpartitioned()).ofPositionDeletes()
                .withPath(file.toString()).withFormat(FileFormat.PARQUET).withFileSizeInBytes(Files.size(file))
                .withRecordCount(deleted).build();
    }

    /** A new file of the table's data folder; a delete file's name says so, as Spark's and Iceberg's own do. */
    private Path newFile(String table, String suffix) throws IOException {
        Path folder = Files.createDirectories(root.resolve(table).resolve("data")).toAbsolutePath();
        return folder.resolve(UUID.randomUUID() + suffix + ".parquet");
    }

    private static String list(List<String> files) {
        return files.stream().map(file -> "'" + literal(Path.of(file)) + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String literal(Path file) {
        return file.toString().replace("'", "''");
    }

    /** Runs a {@code COPY ... TO}; returns the rows it wrote. */
    private long copy(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeLargeUpdate(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() {
        catalog.close();
    }
}
