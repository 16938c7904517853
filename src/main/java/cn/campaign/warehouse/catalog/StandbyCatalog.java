package cn.campaign.warehouse.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a load's next state from the standby (the state before the committed one) brought up to date with the
 * changes the last load recorded, instead of from a copy of the whole committed catalog: a night then writes what
 * changed, not gigabytes of national tables it did not touch. The standby is used only when it is exactly the
 * state the last load continued, no reader holds it (another process's reader holds a lock that keeps this load from
 * opening it for writing; this process's readers are asked), and its tables, views and comments are those of the
 * committed state. Once brought up to date, every table must count as many rows as the committed one. Otherwise the
 * caller copies the committed state, as it would without a standby.
 */
public final class StandbyCatalog {

    private static final Logger log = LoggerFactory.getLogger(StandbyCatalog.class);

    private final WarehouseFolder warehouse;

    public StandbyCatalog(WarehouseFolder warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * Brings the standby up to date as {@code target}, a file of the scratch folder, so that a run stopped halfway
     * leaves nothing a later run would take for a standby.
     *
     * @return the open connection to {@code target}, which now holds the committed state: the build goes on in it,
     *         with the blocks this read still in its memory; empty when not, the reason logged and no target left
     */
    public Optional<Connection> catchUp(Path target) throws IOException {
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) {
            log.info("copying the committed state: {}", refusal.get());
            return Optional.empty();
        }
        long started = System.nanoTime();
        Files.createDirectories(target.getParent());
        Duck.delete(target);
        Files.move(warehouse.standby(), target, StandardCopyOption.ATOMIC_MOVE);
        Connection connection;
        try {
            connection = Duck.open(target, warehouse.scratch());
        } catch (SQLException e) {
            log.info("copying the committed state: {}", Duck.heldByAnotherProcess(e)
                    ? "another process still has the standby state open (a session opened before the last commit)"
                    : "the standby state could not be opened (" + firstLine(e) + ")");
            Duck.delete(target);
            return Optional.empty();
        }
        try {
            String applied = bringUpToDate(connection);
            log.info("standby state brought up to date in {} ms: {}", (System.nanoTime() - started) / 1_000_000,
                    applied);
            return Optional.of(connection);
        } catch (SQLException | StandbyMismatchException e) {
            Duck.closeQuietly(connection);
            log.info("copying the committed state: the standby state could not be brought up to date ({})",
                    firstLine(e));
            Duck.delete(target);
            return Optional.empty();
        } catch (RuntimeException e) {
            Duck.closeQuietly(connection);
            throw e;
        }
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    private Optional<String> refusal() throws IOException {
        Path standby = warehouse.standby();
        if (!Files.isRegularFile(standby)) {
            return Optional.of("no standby state was kept (the first load of this warehouse or of this release, or "
                    + "the last load did not commit)");
        }
        if (Files.exists(Duck.walOf(standby))) {
            return Optional.of("the standby state was left unfinished");
        }
        if (Files.isSameFile(standby, warehouse.catalog())) {
            // a load stopped between keeping the standby and its commit's rename: the two names are one file
            Files.delete(standby);
            return Optional.of("the standby state is the committed file itself");
        }
        if (!Files.isRegularFile(warehouse.nightChanges())) {
            return Optional.of("the last load recorded no changes to bring the standby state up to date with (it "
                    + "rebuilt tables whole)");
        }
        if (Duck.readInThisProcess(standby)) {
            return Optional.of("a session of this process still reads the standby state");
        }
        return Optional.empty();
    }

    private String bringUpToDate(Connection connection) throws SQLException, StandbyMismatchException {
        String here = text(connection, "select current_database()");
        execute(connection, "attach '" + Duck.literal(warehouse.catalog().toString()) + "' as committed (read_only)");
        execute(connection, "attach '" + Duck.literal(warehouse.nightChanges().toString())
                + "' as night_changes (read_only)");
        String state = LoaderTable.STATE.table();
        String standbyVersion = text(connection, "select version from main." + state);
        String committedVersion = text(connection, "select version from committed.main." + state);
        String parent = text(connection, "select parent from night_changes." + NightChanges.NIGHT);
        String changed = text(connection, "select version from night_changes." + NightChanges.NIGHT);
        if (!committedVersion.equals(changed) || !standbyVersion.equals(parent)) {
            throw new StandbyMismatchException("the standby holds " + standbyVersion + " and the committed state is "
                    + committedVersion + ", but the recorded changes lead from " + parent + " to " + changed);
        }
        long differences = TimedSql.count(connection, "with here as (" + definitions(here) + "), there as ("
                + definitions("committed") + ") select count(*) from ((from here except all from there) "
                + "union all (from there except all from here))");
        if (differences > 0) {
            throw new StandbyMismatchException(differences + " definitions of tables, views or comments differ "
                    + "from the committed state's");
        }
        List<String> tables = texts(connection, "select table_name from duckdb_tables() where database_name = "
                + "'committed' and schema_name = 'main' order by table_name");
        Set<String> recorded = new HashSet<>(texts(connection, "select table_name from duckdb_tables() where "
                + "database_name = 'night_changes'"));
        Map<String, WrittenFile> files = writtenFiles(connection, recorded);
        List<String> byChanges = new ArrayList<>();
        TimedSql.inTransaction(connection, () -> {
            for (String table : tables) {
                if ((recorded.contains(NightChanges.WRITTEN + table) || files.containsKey(table))
                        && recorded.contains(NightChanges.REPLACED + table)) {
                    applyChanges(connection, table, files.get(table));
                    byChanges.add(table);
                } else {
                    execute(connection, "delete from main." + table);
                    execute(connection, "insert into main." + table + " by name from committed.main." + table);
                }
            }
            for (String table : tables) {
                if (TimedSql.count(connection, "select (select count(*) from main." + table + ") - (select count(*) "
                        + "from committed.main." + table + ")") != 0) {
                    throw new SQLException("its table " + table + " does not hold as many rows as the committed "
                            + "state's");
                }
            }
        });
        execute(connection, "detach committed");
        execute(connection, "detach night_changes");
        return byChanges.size() + " tables by the last load's changes, " + (tables.size() - byChanges.size())
                + " taken over whole";
    }

    /** A data file of the star the last load appended to a table, and the rows it holds. */
    private record WrittenFile(Path file, long rows) {
    }

    /** The data files of the star the last load appended, by table, with their paths resolved. */
    private Map<String, WrittenFile> writtenFiles(Connection connection, Set<String> recorded) throws SQLException {
        Map<String, WrittenFile> files = new HashMap<>();
        if (!recorded.contains(NightChanges.WRITTEN_FILES)) {
            return files;
        }
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "select table_name, file, row_count from night_changes." + NightChanges.WRITTEN_FILES)) {
            while (rows.next()) {
                files.put(rows.getString(1), new WrittenFile(warehouse.star().resolve(rows.getString(2)),
                        rows.getLong(3)));
            }
        }
        return files;
    }

    /**
     * Deletes the rows the last load replaced, by the table's key, and adds the rows it wrote: from the star's data
     * file when it names one, else from the changes.
     */
    private static void applyChanges(Connection connection, String table, WrittenFile file) throws SQLException {
        String replaced = "night_changes." + NightChanges.REPLACED + table;
        if (TimedSql.count(connection, "select count(*) from " + replaced) > 0) {
            List<String> key = texts(connection, "select column_name from duckdb_columns() where database_name = "
                    + "'night_changes' and table_name = '" + NightChanges.REPLACED + table + "' order by column_index");
            // a key that may be null must match null, but the national tables' keys never are, and = joins them
            // in half the time
            String comparison = TimedSql.count(connection, "select count(*) from " + replaced + " where " + key.stream()
                    .map(column -> column + " is null").collect(Collectors.joining(" or "))) == 0
                    ? " = " : " is not distinct from ";
            // the rows found by a semi join and deleted by row id, as the load that replaced them did: a delete
            // joined to the keys took ten times as long (a second for a national intermediate table)
            execute(connection, "create or replace temporary table replaced_rows as select t.rowid as row_id from main."
                    + table + " as t semi join " + replaced + " as r on " + key.stream()
                    .map(column -> "t." + column + comparison + "r." + column).collect(Collectors.joining(" and ")));
            execute(connection, "delete from main." + table + " where rowid in (select row_id from replaced_rows)");
            execute(connection, "drop table replaced_rows");
        }
        if (file == null) {
            execute(connection, "insert into main." + table + " by name from night_changes." + NightChanges.WRITTEN
                    + table);
            return;
        }
        if (!Files.isRegularFile(file.file())) {
            throw new SQLException("the star's data file " + file.file() + ", which holds the rows the last load "
                    + "wrote to " + table + ", is gone");
        }
        long inserted = TimedSql.update(connection, "insert into main." + table + " by name from read_parquet('"
                + Duck.literal(file.file().toString()) + "')");
        if (inserted != file.rows()) {
            throw new SQLException("the star's data file " + file.file() + " holds " + inserted + " rows, not the "
                    + file.rows() + " the last load wrote to " + table);
        }
    }

    /** Every column, table comment, view and macro of a database's main schema, one row each. */
    private static String definitions(String database) {
        String where = " where database_name = '" + Duck.literal(database) + "' and schema_name = 'main'";
        return "select 'column' as kind, table_name as name, column_index || ' ' || column_name || ' ' || data_type "
                + "|| ' ' || coalesce(comment, '') as definition from duckdb_columns()" + where
                + " union all select 'table', table_name, coalesce(comment, '') from duckdb_tables()" + where
                + " union all select 'view', view_name, sql from duckdb_views()" + where + " and not internal"
                + " union all select 'macro', function_name, coalesce(macro_definition, '') from duckdb_functions()"
                + where + " and not internal";
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        TimedSql.execute(connection, sql);
    }

    private static String text(Connection connection, String sql) throws SQLException {
        List<String> values = texts(connection, sql);
        return values.isEmpty() || values.get(0) == null ? "" : values.get(0);
    }

    private static List<String> texts(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The standby is not the state the recorded changes lead from, or not built like the committed one. */
    private static final class StandbyMismatchException extends Exception {
        StandbyMismatchException(String message) {
            super(message);
        }
    }
}
