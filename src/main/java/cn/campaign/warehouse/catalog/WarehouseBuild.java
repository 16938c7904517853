package cn.campaign.warehouse.catalog;

import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.iceberg.StarTables;
import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.model.StagedColumn;
import cn.campaign.warehouse.model.StagedLayout;
import cn.campaign.warehouse.validate.Entity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a warehouse state in one DuckDB database from the effective deliveries: the star schema is a pure
 * function of the staged records of those deliveries (export contract §4). A load continues from a copy of the
 * committed state when the same statements built it, and recomputes only what its deliveries changed; otherwise,
 * and for a snapshot of an earlier date, everything is built from the staged records. The staging layer
 * ({@code raw_*}, {@code stg_*}) names files by absolute path; it is dropped before the database is handed to
 * readers, which keeps the catalog relocatable.
 */
public final class WarehouseBuild implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WarehouseBuild.class);

    private final Connection connection;
    private final Path stagingRoot;
    private final List<String> stagingViews = new ArrayList<>();
    private final List<String> stagingTables = new ArrayList<>();
    private StagedRecordStore attachedStore;
    /** The most rows of its first feed a whole build of a maintained table reads at once (see stageRecords). */
    private long recordsPerBucket = Long.MAX_VALUE;
    /** Set while the build holds the previous state's tables and brings them up to date rather than rebuilding. */
    private StarRefresh refresh;
    /** The star's Iceberg tables being written beside the report views, until the commit waits for them. */
    private StarCommitBeside starCommit;
    private boolean starCommitted;
    /** The data files the star's commit appended, by table: the next load's standby reads the rows there. */
    private Map<String, Path> starAppended = Map.of();
    private boolean continuing;
    /** The tables a continuing load rebuilds whole: their statements, or those of tables they read, changed. */
    private Set<String> rebuiltForStatements = Set.of();

    public WarehouseBuild(Connection connection, Path stagingRoot) {
        this.connection = connection;
        this.stagingRoot = stagingRoot;
    }

    /** Whether the warehouse has a committed state that this release's statements built. */
    public static boolean builtByThisRelease(WarehouseFolder warehouse) throws SQLException {
        return warehouse.hasCatalog()
                && BuildStatements.current().builtTheSameAs(BuildStatements.of(warehouse.catalog()));
    }

    /**
     * Whether a load continues the committed state: this release builds its staging tables as it was built, and has a
     * statement for each of its other tables (those whose statements differ are rebuilt whole).
     */
    public static boolean continuable(WarehouseFolder warehouse) throws SQLException {
        return differingModels(warehouse).isPresent();
    }

    private static Optional<Set<String>> differingModels(WarehouseFolder warehouse) throws SQLException {
        return warehouse.hasCatalog() ? BuildStatements.current().differingModels(BuildStatements.of(
                warehouse.catalog())) : Optional.empty();
    }

    /** Copies the committed state to {@code target}, where a load continues it. */
    public static void copyCommitted(WarehouseFolder warehouse, Path target) throws IOException {
        Files.copy(warehouse.catalog(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The build of a load's next state in {@code target}: a copy of the committed state when a load can continue it
     * ({@link #continuable}), else an empty database.
     *
     * @param copied whether {@link #copyCommitted} already made the copy, or the standby was brought up to date
     *               there ({@link StandbyCatalog#catchUp}), under the same writer's lock
     * @param open the connection that brought the standby up to date in {@code target}, or null: the build goes on
     *             in it, and closes it
     */
    public static WarehouseBuild forLoad(WarehouseFolder warehouse, Path target, boolean copied, Connection open)
            throws SQLException, IOException {
        Optional<Set<String>> differing;
        try {
            differing = differingModels(warehouse);
        } catch (SQLException | RuntimeException e) {
            Duck.closeQuietly(open);
            throw e;
        }
        boolean continuing = differing.isPresent();
        if (!continuing || !copied) {
            Duck.closeQuietly(open);
            open = null;
        }
        if (continuing && !copied) {
            copyCommitted(warehouse, target);
        } else if (!continuing) {
            Files.deleteIfExists(target);
        }
        if (open != null) {
            log.debug("the build goes on in the standby state's connection, with the blocks it holds");
        }
        WarehouseBuild build = new WarehouseBuild(open != null ? open : Duck.open(target, warehouse.scratch()),
                warehouse.staging());
        build.continuing = continuing;
        if (!continuing) {
            log.info("building every table from the staged records (no committed state this version can continue: "
                    + "none yet, or one whose staging statements, models or storage format differ from its own)");
        } else if (differing.get().isEmpty()) {
            log.info("continuing from the committed state");
        } else {
            build.rebuiltForStatements = build.withReaders(differing.get());
            log.info("continuing from the committed state; the statements of {} differ from those that built it, so "
                    + "{} {} rebuilt whole", String.join(", ", differing.get()),
                    String.join(", ", build.rebuiltForStatements), build.rebuiltForStatements.size() == 1 ? "is"
                    : "are");
        }
        return build;
    }

    /** The models of the warehouse and intermediate layers among {@code models}, and those that read them. */
    private Set<String> withReaders(Set<String> models) throws SQLException {
        Map<String, String> statements = new LinkedHashMap<>(SqlFolder.read("warehouse"));
        statements.putAll(SqlFolder.read("intermediate"));
        return SqlFolder.withReaders(models, statements, connection);
    }

    /** Loads the operator's registry and calendar and the fixed code lists. */
    public void loadReferences(OperatorConfig config) throws SQLException {
        BuildStatements.current().write(connection);
        ReferenceTables.load(connection, config);
    }

    /** Records every file ever seen, and picks the effective deliveries with a business date on or before asOf. */
    public void loadLedger(List<DeliveryRecord> records, LocalDate asOf) throws SQLException {
        for (String macros : SqlFolder.read("macros").values()) {
            execute(macros);
        }
        if (continuing) {
            execute("create temporary table previous_effective as select staging_key from "
                    + LoaderTable.EFFECTIVE.table());
        }
        execute("""
                create or replace table %s (
                    file_name varchar, sha256 varchar, source_id varchar, business_date date, sequence integer,
                    accepted boolean, status varchar, reason varchar, records bigint, rejected bigint,
                    seen_at timestamptz, message varchar, staging_key varchar, file_size bigint,
                    file_modified_at timestamptz, redacted bigint, file_changed_at timestamptz)"""
                .formatted(LoaderTable.LEDGER.table()));
        // appended, not inserted row by row: the ledger grows by each night's deliveries, and a batch of inserts
        // cost about a millisecond a row (7.7 s for the 6,560 deliveries of two campaigns)
        try (DuckDBAppender ledger = connection.unwrap(DuckDBConnection.class)
                .createAppender(LoaderTable.LEDGER.table())) {
            for (DeliveryRecord record : records) {
                ledger.beginRow();
                for (Object value : new Object[] {record.fileName(), record.sha256(), record.sourceId(),
                        record.businessDate(), record.sequence(), record.accepted(),
                        record.accepted() ? "loaded" : record.status().code(),
                        record.reason() == null ? null : record.reason().name(), record.records(), record.rejected(),
                        utc(record.seenAt()), record.message(), record.stagingKey(), record.fileSize(),
                        utc(record.fileModifiedAt()), record.redacted(), utc(record.fileChangedAt())}) {
                    append(ledger, value);
                }
                ledger.endRow();
            }
        }
        execute("set variable as_of = " + (asOf == null ? "null" : "date '" + asOf + "'"));
        createInDependencyOrder(SqlFolder.read("operations"), "table");
        RejectsTable.create(connection, stagingRoot);
    }

    private static void append(DuckDBAppender appender, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else if (value instanceof String text) {
            appender.append(text);
        } else if (value instanceof Boolean flag) {
            appender.append(flag.booleanValue());
        } else if (value instanceof Integer number) {
            appender.append(number.intValue());
        } else if (value instanceof Long number) {
            appender.append(number.longValue());
        } else if (value instanceof LocalDate date) {
            appender.append(date);
        } else if (value instanceof OffsetDateTime instant) {
            appender.append(instant);
        } else {
            throw new IllegalArgumentException("no ledger column holds a " + value.getClass().getSimpleName());
        }
    }

    /** An instant for a {@code timestamptz}: a {@link java.sql.Timestamp} would be read in the JVM's time zone. */
    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * For a load: brings the staging tables kept in {@code store} up to date with the effective deliveries, which
     * recomputes only what changed since the last load, and reads them from there.
     */
    public void stageRecords(Path store, OperatorConfig config) throws SQLException {
        RebuildThreshold threshold = new RebuildThreshold(config.loadRebuildShare());
        recordsPerBucket = config.loadRebuildBucketRecords();
        StagedRecordStore records = new StagedRecordStore(connection, stagingRoot, threshold, recordsPerBucket);
        records.attach(store);
        attachedStore = records;
        records.ingestAcceptedDeliveries();
        boolean rebuilt = records.refresh(continuing ? "previous_effective" : null);
        for (String table : records.tables()) {
            records.expose(table);
            stagingViews.add(table);
        }
        if (continuing && rebuilt) {
            log.info("a staging table was rebuilt whole: every table is rebuilt from it");
        }
        refresh = continuing && !rebuilt ? new StarRefresh(connection, records, threshold, this::createTable,
                rebuiltForStatements) : null;
    }

    /**
     * Rebuilds the staging tables from the staged files of the effective deliveries, in this build only: for a state
     * as of an earlier date, and the reference the kept staging tables must equal.
     */
    public void stageRecords() throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select staging_key from " + LoaderTable.EFFECTIVE.table()
                     + " order by all")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        String root = Duck.literal(stagingRoot.toAbsolutePath().toString());
        String entities = java.util.Arrays.stream(Entity.values()).map(e -> "('" + e.plural() + "')")
                .collect(Collectors.joining(", "));
        execute("create temporary table staged_files as select '" + root + "/' || d.staging_key || '/' || e.plural "
                + "|| '.parquet' as path, d.file_name, d.source_id, d.business_date, d.sequence "
                + "from " + LoaderTable.EFFECTIVE.table() + " as d cross join (values " + entities
                + ") as e(plural)");
        for (Entity entity : Entity.values()) {
            List<String> paths = new ArrayList<>();
            for (String key : keys) {
                Path file = stagingRoot.resolve(key).resolve(entity.plural() + ".parquet");
                if (Files.isRegularFile(file)) {
                    paths.add(file.toAbsolutePath().toString());
                }
            }
            createRawView(entity, paths);
        }
        // materialised once: every dimension and fact reads them, and a view would re-read every staged file each time
        for (Map.Entry<String, String> view : SqlFolder.read("staging").entrySet()) {
            long started = System.nanoTime();
            execute("create temporary table " + view.getKey() + " as\n" + view.getValue());
            log.debug("staging table {} built in {} ms", view.getKey(), (System.nanoTime() - started) / 1_000_000);
            stagingTables.add(view.getKey());
        }
    }

    private void createRawView(Entity entity, List<String> paths) throws SQLException {
        String name = "raw_" + entity.plural();
        stagingViews.add(name);
        if (paths.isEmpty()) {
            String columns = new StagedLayout(entity).columns().stream()
                    .map(column -> "null::" + sqlType(column) + " as " + column.name())
                    .collect(Collectors.joining(", "));
            execute("create temporary view " + name + " as select " + columns + ", null::varchar as source_id, "
                    + "null::date as business_date, null::integer as sequence, null::varchar as delivery_file "
                    + "where false");
            return;
        }
        String list = paths.stream().map(p -> "'" + Duck.literal(p) + "'").collect(Collectors.joining(", "));
        execute("create temporary view " + name + " as select r.* exclude (filename), f.source_id, f.business_date, "
                + "f.sequence, f.file_name as delivery_file from read_parquet([" + list + "], filename = true, "
                + "union_by_name = true) as r join staged_files as f on f.path = r.filename");
    }

    static String sqlType(StagedColumn column) {
        return switch (column.type()) {
            case TEXT -> "varchar";
            case INT -> "bigint";
            case DECIMAL -> "double";
            case DATE -> "date";
            case BOOL -> "boolean";
        };
    }

    /**
     * Materialises the star schema, every model of {@code sql/warehouse} after those its statement reads (the
     * dimensions before the facts that refer to them). A continuing load brings the previous state's tables up to
     * date instead.
     */
    public void buildStarSchema() throws SQLException {
        Map<String, String> statements = SqlFolder.read("warehouse");
        if (refresh == null) {
            for (String name : SqlFolder.inDependencyOrder(statements, connection)) {
                createTable(name, statements.get(name));
            }
            return;
        }
        for (String table : SqlFolder.inDependencyOrder(statements, connection)) {
            refresh.apply(table, statements.get(table));
        }
    }

    /**
     * The dimension, fact and load tables of this version with no delivery loaded, in memory: the data dictionary is
     * rendered from them (with the marts), and view tests fill them with their own rows before building the marts.
     */
    public static WarehouseBuild emptySchema(OperatorConfig config, Path scratch) throws SQLException {
        return inMemory(config, List.of(), null, scratch, scratch.resolve("staging"), false);
    }

    /**
     * The state as of a date (every date when null), built whole in memory from the staged records of the effective
     * deliveries then: the star schema, and the report views when asked. The plan a load runs step by step, run at
     * once; the snapshot of an earlier date and the empty schema are built by it.
     */
    public static WarehouseBuild inMemory(OperatorConfig config, List<DeliveryRecord> ledger, LocalDate asOf,
                                          Path scratch, Path stagingRoot, boolean reportViews) throws SQLException {
        WarehouseBuild build = new WarehouseBuild(Duck.open(null, scratch), stagingRoot);
        try {
            build.loadReferences(config);
            build.loadLedger(ledger, asOf);
            build.stageRecords();
            build.buildStarSchema();
            if (reportViews) {
                build.buildReportViews();
            }
            return build;
        } catch (SQLException | RuntimeException e) {
            build.close();
            throw e;
        }
    }

    /** Writes the meaning of every table, view and column into the catalog as comments. */
    public void document() throws SQLException {
        Dictionary.read().apply(connection);
    }

    /**
     * The intermediate layer as its model files say (views, or aggregates a continuing load keeps up to date), then
     * the report marts as tables: the facts change only with a load, and a national campaign's totals take seconds
     * to compute, so each load computes them once for every reader.
     */
    public void buildReportViews() throws SQLException {
        Map<String, String> intermediate = SqlFolder.read("intermediate");
        Map<String, Model> models = Models.all().stream().collect(Collectors.toMap(Model::name, model -> model));
        // done already when the star's Iceberg tables are being written beside
        if (starCommit == null) {
            writeStarToFile();
        }
        for (String name : SqlFolder.inDependencyOrder(intermediate, connection)) {
            if (models.get(name).materialized().equals("view")) {
                create(name, intermediate.get(name), "view");
            } else if (refresh != null) {
                refresh.apply(name, intermediate.get(name));
            } else {
                createTable(name, intermediate.get(name));
            }
        }
        createInDependencyOrder(SqlFolder.read("marts"), "table");
    }

    /**
     * Creates a table of a whole build. A table a load maintains identity by identity is a function of each identity's
     * rows in its feeds, so when its first feed holds more rows than a load reads at once it is built in buckets of
     * identities, each feed narrowed to the bucket: two national campaigns' services at once ran out of DuckDB's
     * memory, where each bucket fits. Only a load's build can narrow its feeds (they are views or tables of the
     * catalog, which a temporary view of the same name hides). A table whose model file names {@code cluster_by} is
     * written ordered by those columns.
     */
    private void createTable(String name, String statement) throws SQLException {
        Model model = Models.all().stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
        if (model == null || !model.maintainedByLoad() || attachedStore == null) {
            create(name, model == null ? statement : clustered(model, statement), "table");
            return;
        }
        List<Model.Feed> feeds = model.incremental().feeds();
        long rows;
        try (Statement count = connection.createStatement();
             ResultSet result = count.executeQuery("select count(*) from " + feeds.get(0).from())) {
            result.next();
            rows = result.getLong(1);
        }
        IdentityBuckets buckets = IdentityBuckets.of(rows, recordsPerBucket);
        if (buckets.count() == 1) {
            create(name, clustered(model, statement), "table");
            return;
        }
        long started = System.nanoTime();
        try {
            for (long bucket = 0; bucket < buckets.count(); bucket++) {
                for (Model.Feed feed : feeds) {
                    // a filtered view: the scan reads the columns the statement names and skips no row group, but
                    // the windows, joins and groups above it hold one bucket's rows
                    execute("create or replace temporary view " + feed.from() + " as select * from "
                            + sourceOf(feed.from()) + " where " + buckets.holds(feed.columns(), bucket));
                }
                // each bucket ordered by itself: its rows then form a run of row groups for each value, whose
                // bounds skip the others as well as one order of the whole table would, without sorting it whole
                // (41 M services: 49 s against 29 s unordered)
                execute(bucket == 0 ? "create or replace table " + name + " as\n" + clustered(model, statement)
                        : "insert into " + name + " by name " + clustered(model, "select * from (\n" + statement
                        + "\n)"));
            }
        } catch (SQLException e) {
            throw new SQLException("sql/" + name + ".sql failed: " + e.getMessage(), e);
        } finally {
            for (Model.Feed feed : feeds) {
                execute("drop view if exists temp." + feed.from());
                if (attachedStore.tables().contains(feed.from())) {
                    attachedStore.expose(feed.from());
                }
            }
        }
        log.debug("table {} built in {} buckets of identities in {} ms", name, buckets.count(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The statement with its rows ordered by the columns the model file clusters its table by, if any. */
    private static String clustered(Model model, String statement) {
        return model.clustered() ? "select * from (\n" + statement + "\n) order by "
                + String.join(", ", model.clusterBy()) : statement;
    }

    /** The table a feed's bucket is read from, named so that the temporary view of the same name does not hide it. */
    private String sourceOf(String feed) throws SQLException {
        if (attachedStore.tables().contains(feed)) {
            return "staged." + feed;
        }
        try (Statement statement = connection.createStatement();
             ResultSet database = statement.executeQuery("select current_database()")) {
            database.next();
            return '"' + database.getString(1).replace("\"", "\"\"") + "\".main." + feed;
        }
    }

    /** Creates (or replaces) objects in an order where each comes after the others its statement reads. */
    private void createInDependencyOrder(Map<String, String> statements, String kind) throws SQLException {
        for (String name : SqlFolder.inDependencyOrder(statements, connection)) {
            create(name, statements.get(name), kind);
        }
    }

    private void create(String name, String statement, String kind) throws SQLException {
        long started = System.nanoTime();
        try {
            execute("create or replace " + kind + " " + name + " as\n" + statement);
        } catch (SQLException e) {
            throw new SQLException("sql/" + name + ".sql failed: " + e.getMessage(), e);
        }
        log.debug("{} {} built in {} ms", kind, name, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Runs every check of {@code sql/checks}; returns a sentence per failing check, empty when all hold. The checks
     * read the large tables' rows as {@code written_<table>} (what this build wrote: everything after a whole build);
     * what a continuing load kept was checked by the loads before.
     */
    public List<String> runChecks() throws SQLException {
        if (refresh == null) {
            // the intermediate tables of a whole build written to the file, as the facts were before them: two
            // national campaigns' durable keys, counted while they were held in memory, outgrew DuckDB's 1 GB
            execute("checkpoint");
            StarRefresh.defineCheckedRowsOfAWholeBuild(connection);
        } else {
            refresh.defineCheckedRows();
        }
        return DataChecks.run(connection, refresh == null ? Models.all().stream().filter(Model::maintainedByLoad)
                .map(Model::name).collect(Collectors.toSet()) : refresh.rebuiltWhole());
    }

    /**
     * Starts writing the star's Iceberg tables (see {@link #commitStar}) on a second connection, to go on while the
     * report views are built: only for a load that continued the committed state, and once the star is built.
     * {@link #commitStar} then waits for them. A build that rebuilt everything writes them at the commit, after
     * taking the committed tables over.
     */
    public void beginStarCommit(WarehouseFolder warehouse, OperatorConfig config) throws SQLException, IOException {
        if (refresh == null || !continuing || starCommit != null || starCommitted) {
            return;
        }
        // first, as the report views' build would: a checkpoint cannot run beside the writes' transactions
        writeStarToFile();
        log.info("writing the star's Iceberg tables beside the report views");
        warehouse.committedStarMark().remove();
        starCommit = StarCommitBeside.start(connection, warehouse.star(), starChanges(), upkeep(config));
    }

    /**
     * Commits each table the model files export (the star schema, the rejects) to its Apache Iceberg table under
     * {@code star/}: a table this load maintained identity by identity gets the rows it wrote for the touched
     * identities and position deletes for the rows they replace; every other table is rewritten whole. The tables'
     * metadata pointers are kept in this build's database, so they move with the catalog's commit; a build that did
     * not continue the committed state takes the committed tables over first, continuing their history. When
     * {@link #beginStarCommit} started the writes, this waits for them.
     */
    public void commitStar(WarehouseFolder warehouse, OperatorConfig config) throws SQLException, IOException {
        finishStarCommit();
        if (starCommitted) {
            return;
        }
        log.info("writing the star's Iceberg tables");
        warehouse.committedStarMark().remove();
        try (StarTables star = StarTables.open(connection, warehouse.star())) {
            if (!continuing && warehouse.committedCatalogHas(LoaderTable.ICEBERG_POINTERS.table())) {
                try (Connection committed = Duck.openReadOnly(warehouse.catalog())) {
                    star.adoptFrom(committed);
                }
            }
            starAppended = star.commit(starChanges(), upkeep(config), Instant.now());
        }
        starCommitted = true;
    }

    /** The facts written to the file: their blocks can then leave memory for the aggregates that read them. */
    private void writeStarToFile() throws SQLException {
        long started = System.nanoTime();
        execute("checkpoint");
        log.debug("the star schema written in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Waits for the writes {@link #beginStarCommit} started, if it did; throws what stopped them. */
    public void finishStarCommit() throws SQLException, IOException {
        if (starCommit != null) {
            StarCommitBeside started = starCommit;
            starCommit = null;
            starAppended = started.finish();
            starCommitted = true;
        }
    }

    private List<StarTables.Change> starChanges() {
        List<StarTables.Change> changes = new ArrayList<>();
        for (Model model : Models.all()) {
            if (!model.exportedToStar()) {
                continue;
            }
            changes.add(refresh != null && model.maintainedByLoad() && !refresh.rebuiltWhole(model.name())
                    ? new StarTables.Change(model.name(), model.key(), "replaced_keys_" + model.name(),
                            "written_" + model.name(),
                            refresh.replacedRows(model.name()))
                    : StarTables.Change.whole(model.name()));
        }
        return changes;
    }

    private static StarTables.Upkeep upkeep(OperatorConfig config) {
        return new StarTables.Upkeep(config.starSnapshotRetention(), config.starCompactionDeletedShare(),
                config.starCompactionDataFiles());
    }

    /**
     * Records what this load changed in the state it continued, for the next load to bring the standby up to date
     * with (see {@link StandbyCatalog}). A load that built every table, or rebuilt a maintained one whole, records
     * nothing, and the next load copies the committed state. A failure to record costs the next load that copy, not
     * this load its commit.
     */
    public void recordChanges(WarehouseFolder warehouse, String version) throws IOException {
        List<String> maintained = Models.all().stream().filter(Model::maintainedByLoad).map(Model::name).toList();
        try {
            Optional<String> parent = continuing ? warehouse.committedVersion() : Optional.empty();
            if (refresh == null || parent.isEmpty() || maintained.stream().anyMatch(refresh::rebuiltWhole)) {
                NightChanges.forget(warehouse.nightChanges());
                return;
            }
            long started = System.nanoTime();
            NightChanges.record(connection, warehouse.nightChanges(), parent.get(), version, maintained,
                    starAppended);
            log.debug("the night's changes recorded for the standby in {} ms", (System.nanoTime() - started)
                    / 1_000_000);
        } catch (SQLException | IOException e) {
            log.warn("the changes of this load were not recorded, so the next load copies the committed state: {}",
                    e.getMessage());
            NightChanges.forget(warehouse.nightChanges());
        }
    }

    /** Drops the staging layer, which names files by absolute path, and writes everything to the file. */
    public void seal(String version) throws SQLException {
        for (String table : stagingTables) {
            execute("drop table if exists " + table);
        }
        for (int i = stagingViews.size() - 1; i >= 0; i--) {
            execute("drop view if exists " + stagingViews.get(i));
        }
        if (attachedStore != null) {
            attachedStore.detach();
            attachedStore = null;
        }
        // the operations tables again, now that the state has its version
        execute("set variable state_version = '" + Duck.literal(version) + "'");
        createInDependencyOrder(SqlFolder.read("operations"), "table");
        // and their meanings, with those of the Iceberg catalog's tables the commit created
        document();
        execute("checkpoint");
    }

    public Connection connection() {
        return connection;
    }

    private void execute(String sql) throws SQLException {
        TimedSql.execute(connection, sql);
    }

    @Override
    public void close() throws SQLException {
        if (starCommit != null) {
            // a build that ends before its commit: the writes finish before their connection's database closes
            starCommit.abandon();
            starCommit = null;
        }
        connection.close();
    }
}
