package cn.campaign.warehouse.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The meaning of every table, view and column, kept in the catalog itself as DuckDB comments so that any client
 * shows it, and rendered from the catalog to {@code docs/data-dictionary.md}. Objects built from {@code sql/}
 * files are described by their header comment; the rest, and every column, by its model file ({@link Model}).
 */
public final class Dictionary {

    private static final List<String> DESCRIBED_LAYERS = List.of("warehouse", "intermediate", "marts");
    /** The order objects are listed in: the star schema first (dimensions, facts, then the ledger, by name). */
    private static final List<String> LAYER_ORDER = List.of("warehouse", "marts", "operations", "intermediate");

    private final Map<String, String> objects;
    private final Map<String, String> columns;

    private Dictionary(Map<String, String> objects, Map<String, String> columns) {
        this.objects = objects;
        this.columns = columns;
    }

    public static Dictionary read() {
        Map<String, String> objects = new HashMap<>();
        Map<String, String> columns = new HashMap<>();
        for (String layer : DESCRIBED_LAYERS) {
            SqlFolder.read(layer).forEach((name, sql) -> objects.put(name, headerOf(name, sql)));
        }
        for (Model model : Models.all()) {
            if (model.description() != null) {
                objects.put(model.name(), model.description());
            }
            model.columns().forEach((column, meaning) -> {
                if (meaning.description() != null) {
                    columns.put(model.name() + "." + column, meaning.description() + (meaning.codes().isEmpty()
                            ? "" : " Codes: " + String.join(", ", meaning.codes()) + "."));
                }
            });
        }
        return new Dictionary(objects, columns);
    }

    /** What a table or view is, from its model file or the header of its statement; null where neither says. */
    public String meaningOf(String object) {
        return objects.get(object);
    }

    /** Writes the meanings as comments on the warehouse's objects and columns; what has none stays uncommented. */
    public void apply(Connection connection) throws SQLException {
        List<String[]> targets = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(CATALOG_COLUMNS)) {
            while (rows.next()) {
                targets.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                    rows.getString(5)});
            }
        }
        // only what a table created anew lacks, and in one transaction: a load keeps most tables, and a commit of
        // its own for each of a thousand comments took a second and a half of every night
        List<String> comments = new ArrayList<>();
        Map<String, String[]> objectsFound = new LinkedHashMap<>();
        for (String[] target : targets) {
            objectsFound.putIfAbsent(target[0], target);
            String meaning = columns.get(target[0] + "." + target[2]);
            if (meaning != null && !meaning.equals(target[3])) {
                comments.add("comment on column " + target[0] + "." + target[2] + " is '" + Duck.literal(meaning)
                        + "'");
            }
        }
        for (String[] object : objectsFound.values()) {
            String meaning = objects.get(object[0]);
            if (meaning != null && !meaning.equals(object[4])) {
                comments.add("comment on " + object[1] + " " + object[0] + " is '" + Duck.literal(meaning) + "'");
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("begin transaction");
            try {
                for (String comment : comments) {
                    statement.execute(comment);
                }
            } catch (SQLException e) {
                statement.execute("rollback");
                throw e;
            }
            statement.execute("commit");
        }
    }

    /** Markdown: each object with its meaning, then its columns with their types and meanings. */
    public static String render(Connection connection) throws SQLException {
        StringBuilder text = new StringBuilder("""
                # Data dictionary

                Generated from the warehouse catalog (`campaign.duckdb`) by `java -jar target/campaign-warehouse.jar \
                dictionary --out docs/data-dictionary.md`; do not edit by hand. Every meaning is also a DuckDB \
                comment: `select table_name, column_name, comment from duckdb_columns()`.
                """);
        String current = null;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     select c.table_name, coalesce(t.comment, v.comment), case when v.view_name is null
                         then 'table' else 'view' end, c.column_name, c.data_type, c.comment
                     from duckdb_columns() as c
                     left join duckdb_tables() as t
                         on t.table_oid = c.table_oid
                     left join duckdb_views() as v
                         on v.view_oid = c.table_oid
                     left join (values %s) as layer(object_name, layer_order)
                         on layer.object_name = c.table_name
                     where c.schema_name = 'main' and c.database_name = current_database() and not c.internal
                     order by coalesce(layer.layer_order, %d), c.table_name, c.column_index""".formatted(layerOrder(),
                     LAYER_ORDER.size()))) {
            while (rows.next()) {
                if (!rows.getString(1).equals(current)) {
                    current = rows.getString(1);
                    text.append("\n## ").append(current).append(" (").append(rows.getString(3)).append(")\n\n")
                            .append(cell(rows.getString(2))).append("\n\n| column | type | meaning |\n|---|---|---|\n");
                }
                text.append("| ").append(rows.getString(4)).append(" | ").append(rows.getString(5)).append(" | ")
                        .append(cell(rows.getString(6))).append(" |\n");
            }
        }
        return text.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    /** The description of a {@code sql/} file: its header comment lines, without the leading object name. */
    private static String headerOf(String name, String sql) {
        List<String> lines = new ArrayList<>();
        for (String line : sql.split("\n")) {
            if (!line.startsWith("--")) {
                break;
            }
            lines.add(line.substring(2).trim());
        }
        String header = String.join(" ", lines);
        header = header.startsWith(name + ":") ? header.substring(name.length() + 1).trim() : header;
        return header.isEmpty() ? header : Character.toUpperCase(header.charAt(0)) + header.substring(1);
    }

    private static final String CATALOG_COLUMNS = """
            select c.table_name, case when v.view_name is null then 'table' else 'view' end, c.column_name,
                c.comment, coalesce(v.comment, t.comment)
            from duckdb_columns() as c
            left join duckdb_views() as v on v.view_oid = c.table_oid
            left join duckdb_tables() as t on t.table_oid = c.table_oid
            where c.schema_name = 'main' and c.database_name = current_database() and not c.internal
            order by c.table_name, c.column_index""";

    /** Each model's place in {@link #LAYER_ORDER}, as SQL value rows. */
    private static String layerOrder() {
        return Models.all().stream().map(model -> "('" + model.name() + "', "
                + (LAYER_ORDER.contains(model.layer()) ? LAYER_ORDER.indexOf(model.layer()) : LAYER_ORDER.size())
                + ")").collect(Collectors.joining(", "));
    }
}
