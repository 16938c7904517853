package cn.campaign.warehouse.catalog;

import cn.campaign.warehouse.model.StagedColumn;
import cn.campaign.warehouse.model.StagedLayout;
import cn.campaign.warehouse.validate.Entity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staging layer kept between loads in one private DuckDB file: every staged record of every accepted delivery
 * ({@code raw_<entity>}) and the {@code sql/staging} tables over the effective deliveries. A load recomputes only
 * the identities that its changes of the effective deliveries touch: the staging rows of an identity depend on
 * that identity's effective records alone, so recomputing it from all of them gives what a rebuild gives.
 * Each change is one DuckDB transaction, and the file records which deliveries its tables reflect, so a run killed
 * at any point leaves it consistent with itself whatever the committed catalog says.
 */
final class StagedRecordStore {

    private static final Logger log = LoggerFactory.getLogger(StagedRecordStore.class);

    /**
     * A staging table, the entity it reads, the columns of the identity one recomputation covers, and how a history
     * continues from a kept row (null when it is always recomputed from all the identity's records).
     */
    private record Table(String name, Entity entity, List<String> identity, Model.Continues continues) {
    }

    /** The staging tables, as their model files declare them: the entity that feeds each, and its identity. */
    private static final Map<String, Table> TABLES = Models.all().stream()
            .filter(model -> model.layer().equals("staging"))
            .collect(Collectors.toMap(Model::name, model -> new Table(model.name(),
                    Entity.fromCode(model.incremental().entity()), model.incremental().identity(),
                    model.incremental().continues())));

    private static final Set<String> ENTITY_FILES = Arrays.stream(Entity.values())
            .map(entity -> entity.plural() + ".parquet").collect(Collectors.toSet());

    private static final String DELIVERY_COLUMNS = "source_id varchar, business_date date, sequence integer, "
            + "delivery_file varchar, staging_key varchar";

    private final Connection connection;
    private final Path stagingRoot;
    private final RebuildThreshold rebuildThreshold;
    private final long recordsPerBucket;
    /** The staging tables the last refresh recomputed identity by identity, keeping their rows in written_. */
    private final Set<String> recomputed = new HashSet<>();

    /**
     * @param rebuildThreshold when a table is rebuilt whole rather than recomputed identity by identity
     * @param recordsPerBucket the most kept records a whole rebuild reads at once
     */
    StagedRecordStore(Connection connection, Path stagingRoot, RebuildThreshold rebuildThreshold,
                      long recordsPerBucket) {
        this.connection = connection;
        this.stagingRoot = stagingRoot;
        this.rebuildThreshold = rebuildThreshold;
        this.recordsPerBucket = recordsPerBucket;
    }

    /** Opens the store beside the build's catalog, creating its tables on first use. */
    void attach(Path file) throws SQLException {
        try {
            // a first load whose inbox held nothing readable yet has staged nothing, so no folder is there
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the staging folder " + file.getParent(), e);
        }
        execute("attach '" + Duck.literal(file.toAbsolutePath().toString()) + "' as staged");
        execute("create table if not exists staged.ingested (staging_key varchar primary key)");
        execute("create table if not exists staged.reflected (staging_key varchar primary key)");
        execute("create table if not exists staged.staging_sql (table_name varchar primary key, statement varchar)");
        for (Entity entity : Entity.values()) {
            String columns = new StagedLayout(entity).columns().stream()
                    .map(column -> column.name() + " " + WarehouseBuild.sqlType(column))
                    .collect(Collectors.joining(", "));
            execute("create table if not exists staged.raw_" + entity.plural() + " (" + columns + ", "
                    + DELIVERY_COLUMNS + ")");
            addNewFields(entity);
        }
    }

    /**
     * A contract field added since the store was created reaches it by itself: the column is added, empty for the
     * records staged before (which could not carry it), and filled from the next deliveries on.
     */
    private void addNewFields(Entity entity) throws SQLException {
        String table = "raw_" + entity.plural();
        List<String> present = strings("select column_name from duckdb_columns() where database_name = 'staged' "
                + "and schema_name = 'main' and table_name = '" + table + "'");
        for (StagedColumn column : new StagedLayout(entity).columns()) {
            if (!present.contains(column.name())) {
                execute("alter table staged." + table + " add column " + column.name() + " "
                        + WarehouseBuild.sqlType(column));
                log.info("the kept staging records of {} gain the column {} (a field this release stages); "
                        + "the records staged before have it empty", table, column.name());
            }
        }
    }

    void detach() throws SQLException {
        execute("detach staged");
    }

    /** Copies the staged records of accepted deliveries not yet in the store, all of them or none. */
    void ingestAcceptedDeliveries() throws SQLException {
        execute("""
                create or replace temporary table ingest_deliveries as
                select staging_key, file_name, source_id, business_date, sequence
                from %s
                where accepted and staging_key not in (select staging_key from staged.ingested)"""
                .formatted(LoaderTable.LEDGER.table()));
        List<String> keys = strings("select staging_key from ingest_deliveries order by all");
        if (keys.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        execute("create or replace temporary table ingest_files (path varchar, staging_key varchar)");
        try (PreparedStatement insert = connection.prepareStatement("insert into ingest_files values (?, ?)")) {
            for (String key : keys) {
                for (Path file : stagedFiles(key)) {
                    insert.setString(1, file.toAbsolutePath().toString());
                    insert.setString(2, key);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        inOneTransaction(() -> {
            for (Entity entity : Entity.values()) {
                List<String> paths = strings("select path from ingest_files where path like '%/"
                        + entity.plural() + ".parquet' order by all");
                if (!paths.isEmpty()) {
                    execute("insert into staged.raw_" + entity.plural() + " by name select r.* exclude (filename), "
                            + "d.source_id, d.business_date, d.sequence, d.file_name as delivery_file, d.staging_key "
                            + "from read_parquet([" + quoted(paths) + "], filename = true, union_by_name = true) as r "
                            + "join ingest_files as f on f.path = r.filename "
                            + "join ingest_deliveries as d on d.staging_key = f.staging_key");
                }
            }
            execute("insert into staged.ingested select staging_key from ingest_deliveries");
        });
        log.info("kept the records of {} new deliveries in {} s", keys.size(), seconds(started));
    }

    /**
     * Brings every staging table up to date with the effective deliveries: a table whose statement changed (or
     * that is new) is rebuilt; otherwise only the identities found in deliveries that became or ceased to be
     * effective are recomputed, and kept in {@code affected_<table>} for the layers built on them. Deliveries in
     * {@code previousState} (a table of staging keys, or null) are compared as well: the identities they changed
     * since the warehouse state built from them are recomputed too, even when this store is already past them.
     *
     * @return whether any table was rebuilt whole, so that its changes are not known identity by identity
     */
    boolean refresh(String previousState) throws SQLException {
        String changedSince = """
                (select staging_key from %2$s except select staging_key from %1$s)
                union
                (select staging_key from %1$s except select staging_key from %2$s)""";
        // effective: the delivery became effective (its records are new), rather than ceased to be
        execute("create or replace temporary table changed_deliveries as select staging_key, staging_key in (select "
                + "staging_key from " + LoaderTable.EFFECTIVE.table() + ") as effective from ("
                + changedSince.formatted("staged.reflected", LoaderTable.EFFECTIVE.table())
                + (previousState == null ? "" : " union " + changedSince.formatted(previousState,
                        LoaderTable.EFFECTIVE.table())) + ")");
        String changedRecords = changedBusinessDates();
        String afterReflected = afterReflectedDates();
        Map<String, String> statements = SqlFolder.read("staging");
        boolean[] rebuiltAny = {false};
        inOneTransaction(() -> {
            for (Map.Entry<String, String> statement : statements.entrySet()) {
                Table table = TABLES.get(statement.getKey());
                if (table == null) {
                    throw new IllegalStateException("sql/staging/" + statement.getKey() + ".sql has no model file "
                            + "declaring its entity and identity, so it cannot be kept up to date; add "
                            + "sql/staging/" + statement.getKey() + ".yml");
                }
                long started = System.nanoTime();
                String stored = storedStatement(table);
                if (!StatementMeaning.same(statement.getValue(), stored)) {
                    rebuild(table, statement.getValue());
                    rebuiltAny[0] = true;
                    log.debug("staging table {} rebuilt in {} s", table.name(), seconds(started));
                    continue;
                }
                if (!statement.getValue().equals(stored)) {
                    // reworded comments or layout: the rows stay, the store records this release's text
                    recordStatement(table, statement.getValue());
                }
                long identities = findAffected(table, changedRecords);
                long rows = count("select count(*) from staged." + table.name());
                if (rebuildThreshold.rebuildsWhole(identities, rows)) {
                    rebuild(table, statement.getValue());
                    rebuiltAny[0] = true;
                    // held in memory until the build ends, and a table rebuilt whole rebuilds the layers on it
                    execute("drop table affected_" + table.name());
                    log.info("staging table {} rebuilt whole in {} s: {}", table.name(), seconds(started),
                            rebuildThreshold.reason(identities, rows));
                } else {
                    long continued = 0;
                    if (table.continues() == null) {
                        recompute(table, statement.getValue(), identities);
                    } else {
                        continued = recomputeContinuing(table, statement.getValue(), identities, changedRecords,
                                afterReflected);
                    }
                    log.debug("staging table {}: {} identities recomputed in {} s{}", table.name(), identities,
                            seconds(started), table.continues() == null ? ""
                                    : ", " + continued + " of them continued from their kept row");
                }
            }
            execute("delete from staged.reflected");
            execute("insert into staged.reflected select staging_key from " + LoaderTable.EFFECTIVE.table());
        });
        execute("drop table changed_deliveries");
        if (rebuiltAny[0]) {
            // every layer is then rebuilt whole, and no longer reads which identities changed
            for (String table : TABLES.keySet()) {
                execute("drop table if exists affected_" + table);
            }
            // the rebuilt tables written to the store's file, so that their blocks can leave memory for the build
            execute("checkpoint staged");
        }
        return rebuiltAny[0];
    }

    /**
     * A query of every value {@code columns} of staging table {@code table} had or has in the identities the last
     * {@link #refresh} recomputed: read from all their records, it covers the rows before and after the refresh.
     */
    String touchedValues(String table, List<String> columns) {
        Table staging = TABLES.get(table);
        String values = String.join(", ", columns);
        if (columns.equals(staging.identity())) {
            return "select " + values + " from affected_" + table;
        }
        return "select distinct " + values + " from staged.raw_" + staging.entity().plural()
                + " semi join affected_" + table + " using (" + String.join(", ", staging.identity()) + ")";
    }

    /**
     * The relation of the rows the last refresh wrote to staging table {@code table}, when {@code columns} are its
     * identity and it was recomputed identity by identity: all the rows of its affected identities, except, in a
     * history it continued from a kept row, the rows before that row, which stayed as they were. A reader that
     * needs those too ({@code keepsRowsBefore} false) gets the relation only when no history was continued.
     */
    Optional<String> writtenRows(String table, List<String> columns, boolean keepsRowsBefore) throws SQLException {
        if (!recomputed.contains(table) || !columns.equals(TABLES.get(table).identity())) {
            return Optional.empty();
        }
        return keepsRowsBefore || continuedRows(table).isEmpty() ? Optional.of("written_" + table) : Optional.empty();
    }

    /**
     * The relation of the kept rows from which the last refresh continued the histories of staging table
     * {@code table} ({@code continued_rows_<table>}), when it continued any: the rows before them stayed as they were.
     */
    Optional<String> continuedRows(String table) throws SQLException {
        return recomputed.contains(table) && TABLES.get(table).continues() != null
                && count("select count(*) from continued_rows_" + table) > 0
                ? Optional.of("continued_rows_" + table) : Optional.empty();
    }

    /** Makes a staging table readable in the build under its own name, all its rows. */
    void expose(String table) throws SQLException {
        execute("create or replace temporary view " + table + " as select * from staged." + table);
    }

    /** The staging tables, for the build to read. */
    Set<String> tables() {
        return TABLES.keySet();
    }

    /**
     * Rebuilds the table from every effective record, in buckets of identities when the records are many: a
     * statement over two national campaigns' rosters at once spilled its windows to disk for ten minutes, where
     * each bucket's fit in memory, and the rows of an identity depend on its own records alone.
     */
    private void rebuild(Table table, String statement) throws SQLException {
        String raw = "staged.raw_" + table.entity().plural();
        IdentityBuckets buckets = IdentityBuckets.of(count("select count(*) from " + raw), recordsPerBucket);
        for (long bucket = 0; bucket < buckets.count(); bucket++) {
            execute("create or replace temporary view raw_" + table.entity().plural() + " as "
                    + "select r.* exclude (staging_key) from " + raw + " as r "
                    + "semi join " + LoaderTable.EFFECTIVE.table() + " as e using (staging_key)"
                    + (buckets.count() == 1 ? "" : " where " + buckets.holds(table.identity(), bucket)));
            execute(bucket == 0 ? "create or replace table staged." + table.name() + " as\n" + statement
                    : "insert into staged." + table.name() + " by name select * from (\n" + statement + "\n)");
        }
        if (buckets.count() > 1) {
            log.debug("staging table {} rebuilt in {} buckets of identities", table.name(), buckets.count());
        }
        recordStatement(table, statement);
    }

    private void recordStatement(Table table, String statement) throws SQLException {
        execute("insert or replace into staged.staging_sql values ('" + table.name() + "', '"
                + Duck.literal(statement) + "')");
    }

    /**
     * A condition on the kept records that holds for every record of the changed deliveries: their business dates.
     * The records are kept in the order they arrived, and a night brings the latest dates, so the condition lets
     * DuckDB skip the row groups of every earlier delivery by their minimum and maximum date instead of reading the
     * staging key of every record kept.
     */
    private String changedBusinessDates() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet range = statement.executeQuery("select count(*) filter (where l.business_date is null), "
                     + "min(l.business_date)::varchar, max(l.business_date)::varchar from changed_deliveries "
                     + "left join (select distinct staging_key, business_date from " + LoaderTable.LEDGER.table()
                     + ") as l using (staging_key)")) {
            range.next();
            if (range.getLong(1) > 0 || range.getString(2) == null) {
                return "true";
            }
            return "business_date between date '" + range.getString(2) + "' and date '" + range.getString(3) + "'";
        }
    }

    /**
     * A condition on a business date {@code first_date}: that it comes after the date of every delivery the store's
     * tables reflect, so that no record the store kept is dated on or after it ("false" when a reflected delivery's
     * date is not known).
     */
    private String afterReflectedDates() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet range = statement.executeQuery("select count(*) filter (where l.business_date is null), "
                     + "max(l.business_date)::varchar from staged.reflected left join (select distinct staging_key, "
                     + "business_date from " + LoaderTable.LEDGER.table() + ") as l using (staging_key)")) {
            range.next();
            if (range.getLong(1) > 0) {
                return "false";
            }
            return range.getString(2) == null ? "true" : "first_date > date '" + range.getString(2) + "'";
        }
    }

    /**
     * Keeps the identities found in deliveries that became or ceased to be effective in {@code affected_<table>};
     * for a table whose histories continue, with the earliest business date of each identity's changed records
     * ({@code first_date}) and whether all of them are new ({@code only_new}).
     */
    private long findAffected(Table table, String changedRecords) throws SQLException {
        String affected = "affected_" + table.name();
        String identity = String.join(", ", table.identity());
        execute("create or replace temporary table " + affected + " as select " + identity
                + (table.continues() == null ? "" : ", min(business_date) as first_date, bool_and(c.effective) as "
                + "only_new") + " from staged.raw_" + table.entity().plural()
                + " join changed_deliveries as c using (staging_key) where " + changedRecords
                + " group by " + identity);
        return count("select count(*) from " + affected);
    }

    private void recompute(Table table, String statement, long identities) throws SQLException {
        if (identities == 0) {
            return;
        }
        String affected = "affected_" + table.name();
        execute("create or replace temporary view raw_" + table.entity().plural() + " as "
                + effectiveRecordsOf(table, affected));
        String matches = table.identity().stream().map(column -> "s." + column + " = a." + column)
                .collect(Collectors.joining(" and "));
        execute("delete from staged." + table.name() + " as s using " + affected + " as a where " + matches);
        // kept for the star: a fact fed by this table reads the rows of its touched identities from these
        execute("create or replace temporary table written_" + table.name() + " as select * from (\n" + statement
                + "\n)");
        execute("insert into staged." + table.name() + " by name from written_" + table.name());
        recomputed.add(table.name());
    }

    /**
     * The effective records of the identities in relation {@code identities}. They are found by their identity
     * columns alone, then read by row id: reading every column of every kept record to keep a few is what made a
     * night cost the store.
     */
    private String effectiveRecordsOf(Table table, String identities) throws SQLException {
        String raw = "staged.raw_" + table.entity().plural();
        String records = "affected_records_" + table.name();
        execute("create or replace temporary table " + records + " as select rowid as row_id from " + raw
                + " semi join " + identities + " using (" + String.join(", ", table.identity()) + ")");
        return "select r.* exclude (staging_key) from " + raw + " as r semi join " + LoaderTable.EFFECTIVE.table()
                + " as e using (staging_key) where r.rowid in (select row_id from " + records + ")";
    }

    /**
     * Recomputes the affected identities of a table whose histories continue ({@link Model.Continues}). An identity
     * continues when every record of it in the changed deliveries is new, and dated after its kept row's
     * {@code after} date, or, when it has no kept row at all, after every delivery the store reflected: its new
     * records, and the records its kept row stands for, then give the rows from that row on, and its other rows stay
     * as they are. Any other identity (a re-send, a withdrawn delivery, a late record, a history ended by a
     * withdrawal) is recomputed from all its records. {@code written_<table>} holds the rows written
     * ({@link #writtenRows}), {@code continued_rows_<table>} the kept rows continued from ({@link #continuedRows}).
     *
     * @return how many identities continued
     */
    private long recomputeContinuing(Table table, String statement, long identities, String changedRecords,
                                     String afterReflected) throws SQLException {
        if (identities == 0) {
            return 0;
        }
        String name = table.name();
        Model.Continues continues = table.continues();
        String identity = String.join(", ", table.identity());
        String raw = "staged.raw_" + table.entity().plural();
        String kept = "kept_rows_" + name;
        String continued = "continued_" + name;
        // the kept rows of the affected identities, found by their identity columns, each with whether a history
        // continues from it and the date of its latest record
        execute("create or replace temporary table " + kept + " as select s.rowid as row_id, " + prefixed("s", table)
                + ", (" + continues.from() + ") as continues_from, " + continues.after() + " as kept_after from staged."
                + name + " as s semi join affected_" + name + " using (" + identity + ")");
        execute("create or replace temporary table " + continued + " as select " + identity + ", k.row_id as from_row "
                + "from affected_" + name + " left join (select " + identity + ", count(*) as kept, "
                + "max(row_id) filter (where continues_from) as row_id, max(kept_after) filter (where "
                + "continues_from) as kept_after from " + kept + " group by " + identity + ") as k using ("
                + identity + ") where only_new and (k.kept is null and " + afterReflected + " or k.row_id is not null "
                + "and first_date > k.kept_after)");
        long continuing = count("select count(*) from " + continued);
        // kept for the star, and read here for the stand-in records: a table fed row by row replaces only its rows
        // from these on (Model.Feed#keptBefore). One scan of the store's table finds them; the stand-ins read this
        // small table rather than each scanning the store's table again
        String continuedRows = "continued_rows_" + name;
        execute("create or replace temporary table " + continuedRows + " as select * from staged." + name
                + " where rowid in (select from_row from " + continued + " where from_row is not null)");
        List<String> records = new ArrayList<>();
        if (continuing < identities) {
            records.add(effectiveRecordsOf(table, "(from affected_" + name + " anti join " + continued + " using ("
                    + identity + "))"));
        }
        if (continuing > 0) {
            // the records of the deliveries that became effective: a continued identity's others are in its kept row
            records.add("select r.* exclude (staging_key) from " + raw + " as r semi join (select staging_key from "
                    + "changed_deliveries where effective) using (staging_key) semi join " + continued + " using ("
                    + identity + ") where " + changedRecords);
            for (Map<String, String> standIn : continues.asRecords()) {
                records.add("select " + standInColumns(table, standIn) + " from " + continuedRows + " as s");
            }
        }
        execute("create or replace temporary view raw_" + table.entity().plural() + " as "
                + String.join("\nunion all by name\n", records));
        String written = "written_" + name;
        execute("create or replace temporary table " + written + " as select * from (\n" + statement + "\n)");
        // the rows of continued identities before their kept row stay; an identity recomputed from all its records
        // has no row in continued_, one continued from nothing no kept row
        String replaced = "select k.row_id from " + kept + " as k left join " + continued + " as c using ("
                + identity + ") where c.from_row is null or k.continues_from";
        execute("delete from staged." + name + " where rowid in (" + replaced + ")");
        execute("insert into staged." + name + " by name from " + written);
        for (String temporary : List.of(kept, continued)) {
            execute("drop table " + temporary);
        }
        recomputed.add(name);
        return continuing;
    }

    /**
     * The columns of a record standing for a kept row ({@code s}): those the stand-in sets, the row's columns of the
     * same name, and null for the rest, each of the record's type.
     */
    private String standInColumns(Table table, Map<String, String> standIn) throws SQLException {
        List<String> rowColumns = strings("select column_name from duckdb_columns() where database_name = 'staged' "
                + "and schema_name = 'main' and table_name = '" + table.name() + "'");
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select column_name, data_type from duckdb_columns() where "
                     + "database_name = 'staged' and schema_name = 'main' and table_name = 'raw_"
                     + table.entity().plural() + "' and column_name <> 'staging_key' order by column_index")) {
            while (rows.next()) {
                String column = rows.getString(1);
                String value = standIn.containsKey(column) ? "(" + standIn.get(column) + ")"
                        : rowColumns.contains(column) ? "s." + column : "null";
                columns.add("cast(" + value + " as " + rows.getString(2) + ") as " + column);
            }
        }
        return String.join(", ", columns);
    }

    private static String prefixed(String alias, Table table) {
        return table.identity().stream().map(column -> alias + "." + column).collect(Collectors.joining(", "));
    }

    /** Runs work as one transaction of the store: a run killed or failing halfway leaves none of it. */
    private void inOneTransaction(TimedSql.Work work) throws SQLException {
        TimedSql.inTransaction(connection, work);
    }

    private String storedStatement(Table table) throws SQLException {
        List<String> stored = strings("select statement from staged.staging_sql where table_name = '"
                + table.name() + "'");
        return stored.isEmpty() ? null : stored.get(0);
    }

    private List<Path> stagedFiles(String stagingKey) {
        Path folder = stagingRoot.resolve(stagingKey);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> ENTITY_FILES.contains(file.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the staged records of the accepted delivery " + stagingKey
                    + " cannot be read from " + folder + " (" + e.getMessage() + "); the warehouse folder was "
                    + "changed by hand: restore that folder from a backup, or load the inbox again into an empty "
                    + "warehouse folder", e);
        }
    }

    private static String quoted(List<String> paths) {
        return paths.stream().map(path -> "'" + Duck.literal(path) + "'").collect(Collectors.joining(", "));
    }

    private static String seconds(long startedNanos) {
        return String.format("%.1f", (System.nanoTime() - startedNanos) / 1e9);
    }

    private long count(String sql) throws SQLException {
        return TimedSql.count(connection, sql);
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private void execute(String sql) throws SQLException {
        TimedSql.execute(connection, sql);
    }
}
