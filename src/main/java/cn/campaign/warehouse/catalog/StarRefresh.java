package cn.campaign.warehouse.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the star schema and the intermediate tables of the previous warehouse state, copied into the build, up to
 * date with the staging tables after {@link StagedRecordStore#refresh}. The large tables are maintained identity by
 * identity: their statements are pure functions of each identity's rows in their feeds and of the members those rows
 * look up, so deleting the touched identities and inserting what the statement gives for them alone equals a
 * rebuild. A feed is a staging table (its touched records name the identities) or a table the load also keeps (its
 * changed rows, before and after, name them: a fact feeding a daily aggregate touches the days of the rows it
 * changed). Every other table is small and rebuilt whole. A table that is looked up or feeds another reports the
 * rows that changed, so that only what follows from them is recomputed.
 */
final class StarRefresh {

    private static final Logger log = LoggerFactory.getLogger(StarRefresh.class);

    /**
     * A table the statement reads, and its columns whose values are identities of the maintained table (one of them
     * a window's member's, with {@code window}; {@code held} are the others, the feed's own); with
     * {@code onlyWithout}, read only for the identities an earlier feed holds no row of that meets the condition.
     */
    private record Feed(String table, List<String> columns, List<String> held, boolean staged,
                        Model.OnlyWithout onlyWithout, String keptBefore, Model.Window window) {

        Feed {
            if (window != null && staged) {
                // a staging table's touched identities come from its affected records, which name no window
                throw new IllegalStateException("the feed " + table + " declares a window, but it is a staging "
                        + "table: only a table the load keeps may");
            }
        }

        /**
         * The identities the rows of a relation of this feed's rows ({@code s}) name, as the table's identity
         * columns: with a window, one per member whose window holds the row's date ({@code w}).
         */
        String identitiesOf(String relation, List<String> identity) {
            String named = IntStream.range(0, columns.size())
                    .mapToObj(i -> (window != null && columns.get(i).equals(window.key()) ? "w." : "s.")
                            + columns.get(i) + " as " + identity.get(i))
                    .collect(Collectors.joining(", "));
            return "select distinct " + named + " from " + relation + " as s" + (window == null ? ""
                    : " join " + window.dimension() + " as w on s." + window.date() + " between w." + window.start()
                    + " and w." + window.end());
        }
    }

    /**
     * A table the statement joins: a member whose values in the columns it reads (its whole row when none are
     * named) changed touches the rows whose column names it.
     */
    private record Lookup(String dimension, String naturalKey, String column, List<String> reads,
                          boolean inferredMembers) {

        /** Without a natural key, any changed row touches every identity. */
        boolean touchesEveryIdentity() {
            return naturalKey == null;
        }
    }

    /** How the build creates a table from its whole feeds (in buckets of identities when they are large). */
    interface WholeTable {
        void create(String table, String statement) throws SQLException;
    }

    /** The first feed drives the table: its identity is the table's. Its key names each row. */
    private record Maintained(String name, List<String> key, List<String> identity, List<Feed> feeds,
                              List<Lookup> lookups, Model.Additive additive, Model.IdentityHash identityHash) {
    }

    private static final Set<String> STAGING_TABLES = Models.all().stream()
            .filter(model -> model.layer().equals("staging")).map(Model::name).collect(Collectors.toSet());

    /** The incremental tables, as their model files declare them. */
    private static final Map<String, Maintained> MAINTAINED = Models.all().stream()
            .filter(Model::maintainedByLoad)
            .collect(Collectors.toMap(Model::name, model -> new Maintained(model.name(), model.key(),
                    model.incremental().identity(),
                    model.incremental().feeds().stream().map(feed -> new Feed(feed.from(), feed.identity(),
                            feed.columns(), STAGING_TABLES.contains(feed.from()), feed.onlyWithout(),
                            feed.keptBefore(), feed.window())).toList(),
                    model.incremental().lookups().stream().map(lookup -> new Lookup(lookup.dimension(), lookup.key(),
                            lookup.column(), lookup.reads(), lookup.inferredMembers())).toList(),
                    model.incremental().additive(), model.incremental().identityHash())));

    /** The tables whose changed rows a maintained table follows: those it looks up, and its feeds the load keeps. */
    private static final Set<String> FOLLOWED = MAINTAINED.values().stream()
            .flatMap(table -> Stream.concat(table.lookups().stream().map(Lookup::dimension),
                    table.feeds().stream().filter(feed -> !feed.staged()).map(Feed::table)))
            .collect(Collectors.toSet());

    private final Connection connection;
    private final StagedRecordStore store;
    private final RebuildThreshold rebuildThreshold;
    private final WholeTable wholeTable;
    private final Set<String> changedTables = new HashSet<>();
    private final Map<String, Long> replacedRows = new HashMap<>();
    private final Set<String> rebuiltWhole = new HashSet<>();
    private final Set<String> rebuiltForStatements;

    /**
     * @param rebuildThreshold when a maintained table is rebuilt whole rather than recomputed identity by identity
     * @param wholeTable how a maintained table is rebuilt whole
     * @param rebuiltForStatements the maintained tables rebuilt whole whatever the night touches: their statements,
     *     or those of tables they read, are not the ones that built the committed state
     */
    StarRefresh(Connection connection, StagedRecordStore store, RebuildThreshold rebuildThreshold,
            WholeTable wholeTable, Set<String> rebuiltForStatements) {
        this.rebuiltForStatements = Set.copyOf(rebuiltForStatements);
        this.connection = connection;
        this.store = store;
        this.rebuildThreshold = rebuildThreshold;
        this.wholeTable = wholeTable;
    }

    /**
     * For the checks, {@code written_<table>}: the rows this load wrote, which {@link #maintain} keeps as it inserts
     * them; here, the whole table when the load rebuilt it whole. The rows it kept passed the previous load's checks.
     */
    void defineCheckedRows() throws SQLException {
        for (Maintained table : MAINTAINED.values()) {
            if (rebuiltWhole(table.name())) {
                execute("create or replace temporary view written_" + table.name() + " as from " + table.name());
            }
        }
    }

    /** For the checks after a build of every table: all rows were written. */
    static void defineCheckedRowsOfAWholeBuild(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : MAINTAINED.keySet()) {
                statement.execute("create or replace temporary view written_" + table + " as from " + table);
            }
        }
    }

    /**
     * Whether this load deleted rows of the maintained table to replace them (a re-sent or withdrawn record, or a
     * fact naming a changed member), rather than only adding rows for new identities; true when not known.
     */
    boolean replacedRows(String table) {
        return replacedRows.getOrDefault(table, 1L) > 0;
    }

    /** Whether this load rebuilt the maintained table whole rather than identity by identity. */
    boolean rebuiltWhole(String table) {
        return rebuiltWhole.contains(table);
    }

    /** The maintained tables this load rebuilt whole. */
    Set<String> rebuiltWhole() {
        return Set.copyOf(rebuiltWhole);
    }

    /** Brings one table up to date; a table is brought up to date after every table its statement reads. */
    void apply(String table, String statement) throws SQLException {
        long started = System.nanoTime();
        Maintained maintained = MAINTAINED.get(table);
        try {
            if (maintained == null) {
                replace(table, statement);
                log.debug("table {} rebuilt in {} ms", table, (System.nanoTime() - started) / 1_000_000);
            } else {
                long identities = maintain(maintained, statement);
                if (rebuiltWhole(table)) {
                    log.debug("table {} rebuilt whole: {} rows in {} ms", table, identities,
                            (System.nanoTime() - started) / 1_000_000);
                } else {
                    log.debug("table {}: {} identities recomputed, {} rows replaced, in {} ms", table, identities,
                            replacedRows.getOrDefault(table, 0L), (System.nanoTime() - started) / 1_000_000);
                }
            }
        } catch (SQLException e) {
            // named as a whole build names it (a table rebuilt whole already is), so that the operator's message
            // says which model failed
            String named = "sql/" + table + ".sql failed: ";
            throw e.getMessage().startsWith(named) ? e : new SQLException(named + e.getMessage(), e);
        }
    }

    private void replace(String table, String statement) throws SQLException {
        replace(table, statement, (name, select) -> execute("create or replace table " + name + " as\n" + select));
    }

    private void replace(String table, String statement, WholeTable build) throws SQLException {
        boolean followed = FOLLOWED.contains(table);
        // the tables following it rebuilt whole as well read none of its changed rows: finding them compares the
        // whole table before and after (three minutes for the services of a national campaign, after an upgrade)
        boolean readByNone = followed && MAINTAINED.values().stream().filter(other -> follows(other, table))
                .allMatch(other -> rebuiltForStatements.contains(other.name()));
        if (followed && !readByNone) {
            execute("create or replace temporary table previous_rows as select * from " + table);
        }
        build.create(table, statement);
        if (readByNone) {
            changedTables.add(table);
            log.debug("table {}: its changed rows are not looked for, every table following it is rebuilt whole",
                    table);
        } else if (followed) {
            recordChangedRows(table, table);
        }
    }

    /** Whether a maintained table reads another's changed rows: it is a feed the load keeps, or it looks it up. */
    private static boolean follows(Maintained follower, String table) {
        return follower.feeds().stream().anyMatch(feed -> !feed.staged() && feed.table().equals(table))
                || follower.lookups().stream().anyMatch(lookup -> lookup.dimension().equals(table));
    }

    /** @return the identities recomputed, or the table's rows when it was rebuilt whole */
    private long maintain(Maintained table, String statement) throws SQLException {
        String touched = "touched_" + table.name();
        String identity = String.join(", ", table.identity());
        if (rebuiltForStatements.contains(table.name())) {
            long started = System.nanoTime();
            long whole = rebuildWhole(table, statement);
            log.info("table {} rebuilt whole in {} ms: the statements that built the committed state built it "
                    + "otherwise", table.name(), (System.nanoTime() - started) / 1_000_000);
            return whole;
        }
        if (table.lookups().stream().anyMatch(lookup -> lookup.touchesEveryIdentity()
                && changedTables.contains(lookup.dimension()))) {
            return rebuildWhole(table, statement);
        }
        List<String> sources = touchingSources(table);
        if (sources.isEmpty()) {
            execute("create or replace temporary table " + touched + " as select " + identity + " from "
                    + table.name() + " where false");
            return untouched(table);
        }
        execute("create or replace temporary table " + touched + " as select distinct * from (\n"
                + String.join("\nunion all\n", sources) + "\n)");
        long identities = count("select count(*) from " + touched);
        if (identities == 0) {
            return untouched(table);
        }
        long rows = count("select count(*) from " + table.name());
        if (rebuildThreshold.rebuildsWhole(identities, rows)) {
            long started = System.nanoTime();
            long whole = rebuildWhole(table, statement);
            log.info("table {} rebuilt whole in {} ms: {}", table.name(), (System.nanoTime() - started) / 1_000_000,
                    rebuildThreshold.reason(identities, rows));
            return whole;
        }
        if (table.additive() != null) {
            addChanges(table, statement);
            return identities;
        }
        boolean followed = FOLLOWED.contains(table.name());
        Optional<Continued> continued = continued(table);
        replacedRows.put(table.name(), deleteTouched(table, followed, continued.map(c -> " where not "
                + c.before("s", table.identity()))));
        for (Feed feed : table.feeds()) {
            // materialised: over a semi-join view, DuckDB plans the statement's joins for the whole feed; and only
            // the columns the statement names, since the scan of a national feed costs what it carries. A semi join
            // on the identity columns reads the others only for the rows it keeps; a list of row ids found first
            // read the national table twice (2-3 times slower for the 2.9 M services of a night's graduates)
            String columns = String.join(", ", FeedColumns.namedIn(statement, columnsOf(feed)));
            String needed = neededIdentities(table, feed);
            Optional<String> written = writtenFeedRows(table, feed, needed);
            String source = (feed.staged() ? "staged." : "") + feed.table();
            String after = continued.filter(c -> c.feed() == feed)
                    .map(c -> " where not " + c.before("s", feed.columns()))
                    .orElse(windowsOf(feed, needed, table.identity()));
            execute("create or replace temporary table rows_of_" + feed.table() + " as select " + columns + " from "
                    + written.orElse(source) + " as s semi join " + needed + " as x on "
                    + matching("s", feed, table.identity()) + after);
            // a temporary view hides the table of the same name from the statement
            execute("create or replace temporary view " + feed.table() + " as from rows_of_" + feed.table());
        }
        try {
            // kept for what follows (the changed rows, the checks, the Iceberg append): the rows a night wrote are
            // these, and finding them again in the table would read all of it
            // a feed read for the days of windows names other windows' identities too, some of their rows unread
            boolean windowed = table.feeds().stream().anyMatch(feed -> feed.window() != null);
            execute("create or replace temporary table written_" + table.name() + " as select * from (\n"
                    + statement + "\n)" + (windowed ? " as s semi join " + touched + " as x on "
                    + matching("s", table.identity(), table.identity()) : ""));
            execute("insert into " + table.name() + " by name from written_" + table.name());
        } finally {
            for (Feed feed : table.feeds()) {
                if (feed.staged()) {
                    store.expose(feed.table());
                } else {
                    execute("drop view if exists temp." + feed.table());
                }
                // held in DuckDB's memory until the connection closes otherwise: the feeds' rows of every table
                // maintained before crowded the later statements into spilling
                execute("drop table if exists rows_of_" + feed.table());
                execute("drop table if exists needed_" + feed.table());
            }
        }
        if (followed) {
            recordChangedRows(table.name(), "(select " + columnList(table.name()) + " from written_" + table.name()
                    + ")");
        }
        return identities;
    }

    /**
     * Brings an additive table ({@link Model.Additive}) up to date from its feed's changed rows alone: the touched
     * identities' rows, plus the statement's sums over the feed's rows written this load, minus its sums over the
     * rows they replaced. Exact, as integer sums are; the touched identities' other feed rows are not read.
     */
    private void addChanges(Maintained table, String statement) throws SQLException {
        if (table.feeds().size() != 1 || table.feeds().get(0).staged()
                || !table.lookups().stream().allMatch(Lookup::touchesEveryIdentity)) {
            throw new IllegalStateException("the model file of " + table.name() + " declares additive columns, but "
                    + "a table only adds up the changes of one feed, a table the load keeps, and looks up nothing "
                    + "by key (a changed member would change sums it does not add)");
        }
        Feed feed = table.feeds().get(0);
        // the touched identities' rows kept in previous_rows, followed or not: the night's sums are added to them
        replacedRows.put(table.name(), deleteTouched(table, true, Optional.empty()));
        String keys = String.join(", ", table.key());
        List<String> measures = table.additive().columns();
        for (String side : List.of("after", "before")) {
            execute("create or replace temporary view " + feed.table() + " as select * exclude (changed_side) from "
                    + "changed_rows_" + feed.table() + " where changed_side = '" + side + "'");
            execute("create or replace temporary table " + side + "_sums as select " + keys + ", "
                    + String.join(", ", measures) + " from (\n" + statement + "\n)");
        }
        execute("drop view temp." + feed.table());
        execute("create or replace temporary table written_" + table.name() + " as from " + table.name()
                + " where false");
        // by name into a copy of the table: the sums come back as the table's column types
        execute("""
                insert into written_%1$s by name
                select %2$s, %3$s
                from (
                    select %2$s, %4$s from previous_rows
                    union all from after_sums
                    union all select %2$s, %5$s from before_sums
                )
                group by %2$s
                having sum(%6$s) <> 0""".formatted(table.name(), keys,
                measures.stream().map(column -> "sum(" + column + ") as " + column).collect(Collectors.joining(", ")),
                String.join(", ", measures),
                measures.stream().map(column -> "-" + column).collect(Collectors.joining(", ")),
                table.additive().count()));
        execute("drop table after_sums");
        execute("drop table before_sums");
        execute("insert into " + table.name() + " by name from written_" + table.name());
        if (FOLLOWED.contains(table.name())) {
            recordChangedRows(table.name(), "(select " + columnList(table.name()) + " from written_" + table.name()
                    + ")");
        } else {
            execute("drop table previous_rows");
        }
    }

    /**
     * The histories of the table's feed declaring {@code kept_before} that the staging store continued from a kept
     * row ({@code rows}, of the feed's columns): rows of the table and of the feed before that row stay as they are.
     */
    private record Continued(Feed feed, String rows) {

        /** A condition on the rows of alias {@code alias}, whose columns hold the identity: before the kept row. */
        String before(String alias, List<String> columns) {
            return "exists (select 1 from " + rows + " as c where " + IntStream.range(0, columns.size())
                    .mapToObj(i -> "c." + feed.columns().get(i) + " = " + alias + "." + columns.get(i))
                    .collect(Collectors.joining(" and ")) + " and " + alias + "." + feed.keptBefore() + " < c."
                    + feed.keptBefore() + ")";
        }
    }

    private Optional<Continued> continued(Maintained table) throws SQLException {
        List<Feed> declaring = table.feeds().stream().filter(feed -> feed.keptBefore() != null).toList();
        if (declaring.isEmpty()) {
            return Optional.empty();
        }
        if (declaring.size() > 1 || !declaring.get(0).staged() || !table.lookups().isEmpty()) {
            throw new IllegalStateException("the model file of " + table.name() + " declares kept_before on "
                    + declaring.stream().map(Feed::table).collect(Collectors.joining(" and ")) + ", but only one "
                    + "feed of a table that looks nothing up may, and it must be a staging table: a row kept "
                    + "must depend on its feed row alone");
        }
        Feed feed = declaring.get(0);
        return store.continuedRows(feed.table()).map(rows -> new Continued(feed, rows));
    }

    /**
     * Deletes the rows of the touched identities, kept first in {@code previous_rows} when the table is followed.
     * They are found by their identity columns alone and deleted by row id: the other columns are read only for
     * them, and not at all when the night brought only new identities, as it does for most facts. One transaction,
     * so that no checkpoint moves a row id in between.
     *
     * @param kept a condition leaving the rows of continued histories before their kept row ("where not ...")
     * @return the rows deleted
     */
    private long deleteTouched(Maintained table, boolean followed, Optional<String> kept) throws SQLException {
        long[] deleted = {0};
        TimedSql.inTransaction(connection, () -> {
            execute("create or replace temporary table replaced_rows as " + touchedRows(table) + kept.orElse(""));
            deleted[0] = count("select count(*) from replaced_rows");
            String replaced = deleted[0] == 0 ? " where false" : " where rowid in (select row_id from replaced_rows)";
            // for the Iceberg commit: the replaced rows' keys are what its data files are searched by
            execute("create or replace temporary table replaced_keys_" + table.name() + " as select "
                    + String.join(", ", table.key()) + " from " + table.name() + replaced);
            if (followed) {
                execute("create or replace temporary table previous_rows as select * from " + table.name()
                        + replaced);
            }
            if (deleted[0] > 0) {
                update("delete from " + table.name() + replaced);
            }
            execute("drop table replaced_rows");
        });
        return deleted[0];
    }

    /**
     * The touched identities whose rows of the feed the statement reads: all of them, or those that the earlier
     * feed the model names holds no row of meeting its condition. That feed's view already holds the touched
     * identities' rows alone, so finding them reads no national table; a feed of inferred members (all services
     * of a night's graduates, all posts of its employers) is then read for the few without a master record.
     */
    private String neededIdentities(Maintained table, Feed feed) throws SQLException {
        if (feed.onlyWithout() == null) {
            return "touched_" + table.name();
        }
        Feed earlier = table.feeds().stream().takeWhile(other -> other != feed)
                .filter(other -> other.table().equals(feed.onlyWithout().from())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the model file of " + table.name() + " declares "
                        + "only_without: {from: " + feed.onlyWithout().from() + "} on its feed " + feed.table()
                        + ", but " + feed.onlyWithout().from() + " is not a feed listed before it"));
        String needed = "needed_" + feed.table();
        execute("create or replace temporary table " + needed + " as select * from touched_" + table.name()
                + " as x where not exists (select 1 from " + earlier.table() + " as s where "
                + matching("s", earlier, table.identity()) + " and (" + feed.onlyWithout().where() + "))");
        return needed;
    }

    /**
     * The rows the staging store wrote for the feed's affected identities, when they hold every row the needed
     * identities have in the feed: the night's rows, where the feed itself is national.
     */
    private Optional<String> writtenFeedRows(Maintained table, Feed feed, String needed) throws SQLException {
        if (!feed.staged()) {
            return Optional.empty();
        }
        Optional<String> written = store.writtenRows(feed.table(), feed.columns(), feed.keptBefore() != null);
        if (written.isEmpty()) {
            return written;
        }
        long beyond = count("select count(*) from " + needed + " as x where not exists (select 1 from "
                + "affected_" + feed.table() + " as s where " + matching("s", feed, table.identity())
                + ")");
        return beyond == 0 ? written : Optional.empty();
    }

    /**
     * The row ids ({@code row_id}) of the relation's rows whose columns hold one of the identities (a relation of
     * the table's identity columns).
     */
    private static String rowsOf(String relation, List<String> columns, String identities, Maintained table) {
        return "select s.rowid as row_id from " + relation + " as s semi join " + identities + " as x on "
                + matching("s", columns, table.identity());
    }

    /**
     * The row ids of the table's rows whose identity a touched row holds ({@code s}, with the identity columns and
     * those the kept condition compares). With an identity hash, the scan matches that number rather than the
     * identity's text, a quarter of the time over 11 M graduate versions, and the few rows it finds are confirmed
     * by their identity.
     */
    private static String touchedRows(Maintained table) {
        String touched = "touched_" + table.name();
        Model.IdentityHash hash = table.identityHash();
        if (hash == null) {
            return rowsOf(table.name(), table.identity(), touched, table);
        }
        String carried = Stream.concat(table.identity().stream(),
                        table.feeds().stream().map(Feed::keptBefore).filter(Objects::nonNull))
                .distinct().map(column -> "t." + column).collect(Collectors.joining(", "));
        return "select s.row_id from (select t.rowid as row_id, " + carried + " from " + table.name() + " as t "
                + "semi join (select distinct " + hash.of() + " as identity_hash from " + touched + ") as h on t."
                + hash.column() + " = h.identity_hash) as s semi join " + touched + " as x on "
                + matching("s", table.identity(), table.identity());
    }

    /** A table this load leaves as it was: nothing replaced, nothing written. */
    private long untouched(Maintained table) throws SQLException {
        replacedRows.put(table.name(), 0L);
        execute("create or replace temporary table written_" + table.name() + " as from " + table.name()
                + " where false");
        execute("create or replace temporary table replaced_keys_" + table.name() + " as select "
                + String.join(", ", table.key()) + " from " + table.name() + " where false");
        return 0;
    }

    /**
     * Rebuilds the table from its whole feeds; every identity counts as touched.
     *
     * @return the table's rows
     */
    private long rebuildWhole(Maintained table, String statement) throws SQLException {
        replace(table.name(), statement, wholeTable);
        // held in memory until the build ends, and a whole table's rows are checked and committed whole
        execute("drop table if exists touched_" + table.name());
        rebuiltWhole.add(table.name());
        return count("select count(*) from " + table.name());
    }

    /** Queries of the identities this load touches: named by the feeds' touched rows and the changed members. */
    private List<String> touchingSources(Maintained table) throws SQLException {
        List<String> sources = new ArrayList<>();
        for (Feed feed : table.feeds()) {
            if (feed.staged()) {
                sources.add("select " + renamed(feed.columns(), table.identity()) + " from ("
                        + store.touchedValues(feed.table(), feed.columns()) + ")");
            } else if (changedTables.contains(feed.table())) {
                sources.add(feed.identitiesOf("changed_rows_" + feed.table(), table.identity()));
            }
        }
        Feed driver = table.feeds().get(0);
        for (Lookup lookup : table.lookups()) {
            // a member changed only in columns the lookup does not read (an institution's name, say), or new where
            // every code has a member, changes no row of this table: looking for the rows that name none would still
            // scan the whole national feed (0.5 s for the services each night brings 31 new institutions)
            long members = changedTables.contains(lookup.dimension())
                    ? count("select count(*) from (" + changedMembers(lookup) + ")") : 0;
            if (members > 0) {
                log.debug("table {}: {} member(s) of {} changed what it reads of them", table.name(), members,
                        lookup.dimension());
                sources.add(driver.identitiesOf("(select * from " + (driver.staged() ? "staged." : "")
                        + driver.table() + " where " + lookup.column() + " in (" + changedMembers(lookup) + "))",
                        table.identity()));
            }
        }
        return sources;
    }

    /**
     * The natural keys of the members whose values in the columns the lookup reads changed: a (key, values) that
     * only one side of the changed rows holds. Where the dimension has a member for every code (inferred members),
     * a member only the after side holds is new and named by no kept row: only the before side's values count.
     */
    private static String changedMembers(Lookup lookup) {
        String rows = "changed_rows_" + lookup.dimension();
        String read = Stream.concat(Stream.of(lookup.naturalKey()), lookup.reads().stream())
                .collect(Collectors.joining(", "));
        if (lookup.reads().isEmpty()) {
            return "select " + lookup.naturalKey() + " from " + rows
                    + (lookup.inferredMembers() ? " where changed_side = 'before'" : "");
        }
        if (lookup.inferredMembers()) {
            return "select " + lookup.naturalKey() + " from (select " + read + " from " + rows
                    + " where changed_side = 'before' except select " + read + " from " + rows
                    + " where changed_side = 'after')";
        }
        return "select " + lookup.naturalKey() + " from (select distinct changed_side, " + read
                + " from " + rows + ") group by " + read + " having count(*) = 1";
    }

    /**
     * {@code changed_rows_<table>}: the rows that differ between previous_rows and rows, each with its
     * {@code changed_side}, before or after.
     */
    private void recordChangedRows(String table, String rows) throws SQLException {
        if (count("select count(*) from previous_rows") == 0) {
            // a night of new facts replaced nothing: every row written is a change, with no set difference to hash
            execute("create or replace temporary table changed_rows_" + table + " as select 'after' as changed_side, "
                    + "* from " + rows);
        } else {
            execute("create or replace temporary table changed_rows_" + table + " as "
                    + "select 'before' as changed_side, * from (select * from previous_rows except all select * from "
                    + rows + ") union all select 'after', * from (select * from " + rows
                    + " except all select * from previous_rows)");
        }
        execute("drop table previous_rows");
        long changed = count("select count(*) from changed_rows_" + table);
        if (changed > 0) {
            changedTables.add(table);
        }
        log.debug("table {}: {} rows changed", table, changed);
    }

    private static String renamed(List<String> columns, List<String> names) {
        return IntStream.range(0, columns.size()).mapToObj(i -> columns.get(i) + " as " + names.get(i))
                .collect(Collectors.joining(", "));
    }

    /**
     * For a feed read by windows ({@link Model.Window}), the condition that keeps its rows dated inside the windows
     * of the needed identities: literal days, which the scan compares with each row group's bounds, so that the rows
     * of a campaign the night does not touch are not read when the table holds them apart.
     */
    private String windowsOf(Feed feed, String needed, List<String> identity) throws SQLException {
        if (feed.window() == null) {
            return "";
        }
        Model.Window window = feed.window();
        String key = identity.get(feed.columns().indexOf(window.key()));
        try (Statement statement = connection.createStatement();
             ResultSet days = statement.executeQuery("select min(w." + window.start() + ")::varchar, max(w."
                     + window.end() + ")::varchar from " + window.dimension() + " as w semi join " + needed
                     + " as x on w." + window.key() + " = x." + key)) {
            days.next();
            String first = days.getString(1);
            return first == null ? " where false" : " where s." + window.date() + " between '"
                    + first.replace("'", "''") + "' and '" + days.getString(2).replace("'", "''") + "'";
        }
    }

    /** The condition that the identity columns feed row {@code alias} holds equal those of touched row {@code x}. */
    private static String matching(String alias, Feed feed, List<String> identity) {
        return IntStream.range(0, feed.columns().size()).filter(i -> feed.held().contains(feed.columns().get(i)))
                .mapToObj(i -> alias + "." + feed.columns().get(i) + " = x." + identity.get(i))
                .collect(Collectors.joining(" and "));
    }

    /** The condition that row {@code alias}'s columns equal the identity of touched row {@code x}. */
    private static String matching(String alias, List<String> columns, List<String> identity) {
        return IntStream.range(0, columns.size())
                .mapToObj(i -> alias + "." + columns.get(i) + " = x." + identity.get(i))
                .collect(Collectors.joining(" and "));
    }

    private List<String> columnsOf(Feed feed) throws SQLException {
        return columnsOf(feed.staged() ? "'staged'" : "current_database()", feed.table());
    }

    /** The table's columns, quoted, in its order: a set operation with its rows pairs columns by position. */
    private String columnList(String table) throws SQLException {
        return columnsOf("current_database()", table).stream().map(column -> '"' + column.replace("\"", "\"\"") + '"')
                .collect(Collectors.joining(", "));
    }

    private List<String> columnsOf(String database, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select column_name from duckdb_columns() where database_name = "
                     + database + " and schema_name = 'main' and table_name = '" + table + "' order by column_index")) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return columns;
    }

    private long count(String sql) throws SQLException {
        return TimedSql.count(connection, sql);
    }

    private long update(String sql) throws SQLException {
        return TimedSql.update(connection, sql);
    }

    private void execute(String sql) throws SQLException {
        TimedSql.execute(connection, sql);
    }
}
