package cn.campaign.warehouse.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

/**
 * What a load changed in the state it continued, kept beside the standby for the next load: for each table it
 * maintained identity by identity, the keys of the rows it replaced ({@code replaced_<table>}, the table's key
 * columns) and the rows it wrote, and which state it continued ({@code night}: parent and version). The rows written
 * to a table of the star are those of the data file its Iceberg commit appended ({@code written_files}: the file under
 * the star's folder and its rows), which is read again rather than copied here: a second of a night's commit. Any
 * other table's rows are copied ({@code written_<table>}). Every other table of the catalog is small and is taken
 * over whole. A load that rebuilt a maintained table whole leaves no changes: the next one copies the committed state.
 */
final class NightChanges {

    static final String NIGHT = "night";
    static final String REPLACED = "replaced_";
    static final String WRITTEN = "written_";
    static final String WRITTEN_FILES = "written_files";

    private NightChanges() {
    }

    /**
     * Writes the changes of the build on {@code connection} to {@code file}, from the {@code replaced_keys_<table>}
     * and {@code written_<table>} its refresh left and the data files the star's commit appended (by table, under the
     * star's folder); the file appears whole or not at all.
     */
    static void record(Connection connection, Path file, String parent, String version, Collection<String> maintained,
                       Map<String, Path> appended) throws SQLException, IOException {
        Path next = file.resolveSibling("changes.next.duckdb");
        Files.createDirectories(file.getParent());
        Duck.delete(next);
        TimedSql.execute(connection, "attach '" + Duck.literal(next.toString()) + "' as night_changes");
        try {
            TimedSql.execute(connection, "create table night_changes." + NIGHT + " as select '" + Duck.literal(parent)
                    + "' as parent, '" + Duck.literal(version) + "' as version");
            TimedSql.execute(connection, "create table night_changes." + WRITTEN_FILES
                    + " (table_name varchar, file varchar, row_count bigint)");
            for (String table : maintained) {
                TimedSql.execute(connection, "create table night_changes." + REPLACED + table
                        + " as from replaced_keys_" + table);
                Path appendedFile = appended.get(table);
                if (appendedFile == null) {
                    TimedSql.execute(connection, "create table night_changes." + WRITTEN + table + " as from written_"
                            + table);
                } else {
                    TimedSql.execute(connection, "insert into night_changes." + WRITTEN_FILES + " values ('"
                            + Duck.literal(table) + "', '" + Duck.literal(appendedFile.toString()) + "', "
                            + TimedSql.count(connection, "select count(*) from written_" + table) + ")");
                }
            }
        } finally {
            TimedSql.execute(connection, "detach night_changes");
        }
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes the changes file, which then brings no standby up to date. */
    static void forget(Path file) throws IOException {
        Duck.delete(file);
    }
}
