package cn.campaign.warehouse.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The statements of the staging, warehouse and intermediate layers a state's tables were built with, kept in the
 * catalog in the table of role {@code built_with} ({@link LoaderTable}): a load may bring a committed state up to date
 * only if this version would build its staging tables the same way, in the same storage format, and has a statement
 * for each of its other tables; a table whose statement differs is rebuilt whole (see {@link #differingModels}), a
 * difference in comments or layout alone counting for none. The marts are not among them: every load rebuilds them
 * whole.
 */
record BuildStatements(Map<String, String> statements) {

    private static final List<String> LAYERS = List.of("staging", "warehouse", "intermediate");
    /** Layers whose tables a continuing load can rebuild one by one; the staging store keeps its own statements. */
    private static final Set<String> REBUILT_ONE_BY_ONE = Set.of("warehouse", "intermediate");
    /** The comment that records a table's clustering after its statement. */
    private static final String CLUSTER_BY = "-- cluster_by: ";

    static BuildStatements current() {
        Map<String, String> statements = new TreeMap<>();
        Map<String, Model> models = Models.all().stream().collect(Collectors.toMap(Model::name, model -> model));
        for (String layer : LAYERS) {
            SqlFolder.read(layer).forEach((name, sql) -> statements.put(layer + "/" + name, sql
                    + clustering(models.get(name))));
        }
        // a state written in another storage format is rebuilt rather than continued, so that it takes this one
        statements.put("storage/compatibility_version", Duck.STORAGE_COMPATIBILITY);
        return new BuildStatements(statements);
    }

    /**
     * How a whole build orders the table's rows, recorded with its statement: a table whose clustering changed is
     * rebuilt once, so that a warehouse takes the layout a release declares.
     */
    private static String clustering(Model model) {
        return model == null || !model.clustered() ? "" : "\n" + CLUSTER_BY + String.join(", ", model.clusterBy());
    }

    /**
     * Whether two recorded statements build their table the same way: the same meaning ({@link StatementMeaning}:
     * a release that rewords comments or re-indents rebuilds nothing) and the same clustering, which is recorded as
     * the statement's last line and so compared as written.
     */
    private static boolean sameMeaning(String recorded, String other) {
        return other != null && comparable(recorded).equals(comparable(other));
    }

    private static String comparable(String recorded) {
        int lastLine = recorded.lastIndexOf('\n');
        String last = recorded.substring(lastLine + 1).strip();
        return lastLine >= 0 && last.startsWith(CLUSTER_BY)
                ? StatementMeaning.of(recorded.substring(0, lastLine)) + "\n" + last
                : StatementMeaning.of(recorded);
    }

    /** Whether this release built {@code committed}: every statement the same in meaning (see {@link #sameMeaning}). */
    boolean builtTheSameAs(BuildStatements committed) {
        return differingModels(committed).filter(Set::isEmpty).isPresent();
    }

    /** What a committed catalog was built with; nothing for a catalog older than this table. */
    static BuildStatements of(Path catalog) throws SQLException {
        Map<String, String> statements = new TreeMap<>();
        try (Connection connection = Duck.openReadOnly(catalog); Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "select count(*) from duckdb_tables() where table_name = '" + LoaderTable.BUILT_WITH.table()
                            + "'")) {
                exists.next();
                if (exists.getLong(1) == 0) {
                    return new BuildStatements(statements);
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "select layer, object_name, statement from " + LoaderTable.BUILT_WITH.table())) {
                while (rows.next()) {
                    statements.put(rows.getString(1) + "/" + rows.getString(2), rows.getString(3));
                }
            }
        }
        return new BuildStatements(statements);
    }

    /**
     * The models of the warehouse and intermediate layers whose statements differ between this version and the one
     * that built {@code committed}, when a load may continue it by rebuilding those whole; empty when it must build
     * every table: no statements recorded, a staging statement or the storage format differs, or a model was added
     * or removed.
     */
    Optional<Set<String>> differingModels(BuildStatements committed) {
        if (!statements.keySet().equals(committed.statements.keySet())) {
            return Optional.empty();
        }
        Set<String> differing = new TreeSet<>();
        for (Map.Entry<String, String> entry : statements.entrySet()) {
            if (sameMeaning(entry.getValue(), committed.statements.get(entry.getKey()))) {
                continue;
            }
            String[] name = entry.getKey().split("/", 2);
            if (!REBUILT_ONE_BY_ONE.contains(name[0])) {
                return Optional.empty();
            }
            differing.add(name[1]);
        }
        return Optional.of(differing);
    }

    void write(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace table " + LoaderTable.BUILT_WITH.table()
                    + " (layer varchar, object_name varchar, "
                    + "statement varchar)");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into " + LoaderTable.BUILT_WITH.table() + " values (?, ?, ?)")) {
            for (Map.Entry<String, String> entry : statements.entrySet()) {
                String[] name = entry.getKey().split("/", 2);
                insert.setString(1, name[0]);
                insert.setString(2, name[1]);
                insert.setString(3, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
