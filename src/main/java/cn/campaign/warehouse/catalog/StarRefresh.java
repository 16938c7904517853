package cn.campaign.warehouse.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the star schema of the previous warehouse state, copied into the build, up to date with the staging
 * tables after {@link StagedRecordStore#refresh}. The large tables are maintained identity by identity: their
 * statements are pure functions of each identity's staging rows and of the dimension members those rows name, so
 * deleting the touched identities and inserting what the statement gives for them alone equals a rebuild. Every
 * other table is small and rebuilt whole. A dimension that a maintained table looks up reports the members whose
 * rows changed, so that only the fact rows naming them follow.
 */
final class StarRefresh {

    private static final Logger log = LoggerFactory.getLogger(StarRefresh.class);

    /** A staging table the statement reads, and its columns whose values are identities of the maintained table. */
    private record Feed(String table, List<String> columns) {
    }

    /** A dimension the statement joins: a member whose row changed touches the rows whose column names it. */
    private record Lookup(String dimension, String naturalKey, String column) {
    }

    /** The first feed drives the table: its identity is the table's. */
    private record Maintained(String name, List<String> identity, List<Feed> feeds, List<Lookup> lookups) {
    }

    /** The star's incremental tables, as their model files declare them. */
    private static final Map<String, Maintained> MAINTAINED = Models.all().stream()
            .filter(Model::maintainedByLoad)
            .collect(Collectors.toMap(Model::name, model -> new Maintained(model.name(),
                    model.incremental().identity(),
                    model.incremental().feeds().stream().map(feed -> new Feed(feed.from(), feed.identity())).toList(),
                    model.incremental().lookups().stream().map(lookup -> new Lookup(lookup.dimension(), lookup.key(),
                            lookup.column())).toList())));

    private static final Set<String> LOOKED_UP = MAINTAINED.values().stream()
            .flatMap(table -> table.lookups().stream()).map(Lookup::dimension).collect(Collectors.toSet());

    private final Connection connection;
    private final StagedRecordStore store;
    private final Set<String> changedDimensions = new HashSet<>();

    StarRefresh(Connection connection, StagedRecordStore store) {
        this.connection = connection;
        this.store = store;
    }

    /**
     * For the checks, {@code written_<table>}: the rows this load wrote to each maintained table, and
     * {@code kept_<table>}: the rows it kept from the previous state, which the previous load's checks passed.
     */
    void defineCheckedRows() throws SQLException {
        for (Maintained table : MAINTAINED.values()) {
            String touched = " join touched_" + table.name() + " using (" + String.join(", ", table.identity()) + ")";
            execute("create or replace temporary view written_" + table.name() + " as from " + table.name()
                    + " semi" + touched);
            execute("create or replace temporary view kept_" + table.name() + " as from " + table.name()
                    + " anti" + touched);
        }
    }

    /** For the checks after a build of every table: all rows were written, none kept. */
    static void defineCheckedRowsOfAWholeBuild(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : MAINTAINED.keySet()) {
                statement.execute("create or replace temporary view written_" + table + " as from " + table);
                statement.execute("create or replace temporary view kept_" + table + " as from " + table
                        + " where false");
            }
        }
    }

    /** Brings one table up to date; a table is brought up to date after every table its statement reads. */
    void apply(String table, String statement) throws SQLException {
        long started = System.nanoTime();
        Maintained maintained = MAINTAINED.get(table);
        if (maintained == null) {
            replace(table, statement);
            log.debug("table {} rebuilt in {} ms", table, (System.nanoTime() - started) / 1_000_000);
        } else {
            long identities = maintain(maintained, statement);
            log.debug("table {}: {} identities recomputed in {} ms", table, identities,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private void replace(String table, String statement) throws SQLException {
        boolean lookedUp = LOOKED_UP.contains(table);
        if (lookedUp) {
            execute("create or replace temporary table previous_rows as select * from " + table);
        }
        execute("create or replace table " + table + " as\n" + statement);
        if (lookedUp) {
            recordChangedMembers(table, table);
        }
    }

    private long maintain(Maintained table, String statement) throws SQLException {
        String touched = "touched_" + table.name();
        List<String> sources = new ArrayList<>();
        for (Feed feed : table.feeds()) {
            sources.add("select " + renamed(feed.columns(), table.identity()) + " from ("
                    + store.touchedValues(feed.table(), feed.columns()) + ")");
        }
        String driver = table.feeds().get(0).table();
        for (Lookup lookup : table.lookups()) {
            if (changedDimensions.contains(lookup.dimension())) {
                sources.add("select " + String.join(", ", table.identity()) + " from staged." + driver
                        + " where " + lookup.column() + " in (select " + lookup.naturalKey() + " from changed_"
                        + lookup.dimension() + ")");
            }
        }
        execute("create or replace temporary table " + touched + " as select distinct * from (\n"
                + String.join("\nunion all\n", sources) + "\n)");
        long identities = count("select count(*) from " + touched);
        if (identities == 0) {
            return 0;
        }
        String identity = String.join(", ", table.identity());
        boolean lookedUp = LOOKED_UP.contains(table.name());
        if (lookedUp) {
            execute("create or replace temporary table previous_rows as select * from " + table.name()
                    + " semi join " + touched + " using (" + identity + ")");
        }
        execute("delete from " + table.name() + " as t using " + touched + " as x where "
                + matching("t", table.identity(), table.identity()));
        for (Feed feed : table.feeds()) {
            // materialised: over a semi-join view, DuckDB plans the statement's joins for the whole staging table
            execute("create or replace temporary table rows_of_" + feed.table() + " as select s.* from staged."
                    + feed.table() + " as s semi join " + touched + " as x on "
                    + matching("s", feed.columns(), table.identity()));
            execute("create or replace temporary view " + feed.table() + " as from rows_of_" + feed.table());
        }
        try {
            execute("insert into " + table.name() + " by name select * from (\n" + statement + "\n)");
        } finally {
            for (Feed feed : table.feeds()) {
                store.expose(feed.table());
            }
        }
        if (lookedUp) {
            recordChangedMembers(table.name(), "(select * from " + table.name() + " semi join " + touched
                    + " using (" + identity + "))");
        }
        return identities;
    }

    /** {@code changed_<dimension>}: the natural keys whose rows differ between previous_rows and rows. */
    private void recordChangedMembers(String dimension, String rows) throws SQLException {
        String naturalKey = MAINTAINED.values().stream().flatMap(table -> table.lookups().stream())
                .filter(lookup -> lookup.dimension().equals(dimension)).findFirst().orElseThrow().naturalKey();
        execute("create or replace temporary table changed_" + dimension + " as select distinct " + naturalKey
                + " from ((select * from previous_rows except all select * from " + rows + ") union all "
                + "(select * from " + rows + " except all select * from previous_rows))");
        changedDimensions.add(dimension);
        log.debug("dimension {}: {} members changed", dimension, count("select count(*) from changed_" + dimension));
    }

    private static String renamed(List<String> columns, List<String> names) {
        return IntStream.range(0, columns.size()).mapToObj(i -> columns.get(i) + " as " + names.get(i))
                .collect(Collectors.joining(", "));
    }

    /** The condition that row {@code alias}'s columns equal the identity of touched row {@code x}. */
    private static String matching(String alias, List<String> columns, List<String> identity) {
        return IntStream.range(0, columns.size())
                .mapToObj(i -> alias + "." + columns.get(i) + " = x." + identity.get(i))
                .collect(Collectors.joining(" and "));
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
