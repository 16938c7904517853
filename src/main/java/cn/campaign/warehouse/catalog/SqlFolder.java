package cn.campaign.warehouse.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.Resource;
import org.springframework.util.ClassUtils;

/** The {@code .sql} files of one layer of the project's {@code sql/} folder, as built into the jar. */
final class SqlFolder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqlFolder() {
    }

    /** Each class loader's layers found in jars, read once (see {@link Models#all}). */
    private static final Map<ClassLoader, Map<String, Map<String, String>>> READ =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** Object name (the file name without {@code .sql}) to statement, in name order. */
    static Map<String, String> read(String layer) {
        Map<String, Map<String, String>> layers = READ.computeIfAbsent(ClassUtils.getDefaultClassLoader(),
                loader -> new ConcurrentHashMap<>());
        Map<String, String> read = layers.get(layer);
        if (read != null) {
            return read;
        }
        Resource[] files = Models.resources("classpath*:sql/" + layer + "/*.sql");
        try {
            Map<String, String> statements = new LinkedHashMap<>();
            for (Resource file : Arrays.stream(files).sorted(Comparator.comparing(Resource::getFilename)).toList()) {
                String name = file.getFilename().substring(0, file.getFilename().length() - 4);
                statements.put(name, file.getContentAsString(StandardCharsets.UTF_8));
            }
            if (statements.isEmpty()) {
                throw new IllegalStateException("no SQL files found for sql/" + layer + " in the application");
            }
            if (Models.allInJars(files)) {
                layers.put(layer, Collections.unmodifiableMap(statements));
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sql/" + layer + ": " + e.getMessage(), e);
        }
    }

    /**
     * The names of {@code statements} ordered so that each comes after the others it reads, so the files need no
     * numbering and an existing object is never read before its statement has run. What a statement reads is what
     * DuckDB's own parser finds in it as a table ({@code json_serialize_sql}): a name in a comment, a string or a
     * column alias is not a reference.
     */
    static List<String> inDependencyOrder(Map<String, String> statements, Connection parser) throws SQLException {
        Map<String, Set<String>> reads = new LinkedHashMap<>();
        for (Map.Entry<String, String> statement : statements.entrySet()) {
            Set<String> tables = tablesRead(statement.getKey(), statement.getValue(), parser);
            tables.retainAll(statements.keySet());
            tables.remove(statement.getKey());
            reads.put(statement.getKey(), tables);
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : statements.keySet()) {
            visit(name, reads, ordered, new LinkedHashSet<>());
        }
        return new ArrayList<>(ordered);
    }

    /**
     * {@code names} and every statement of {@code statements} that reads one of them, directly or through others: what
     * must be rebuilt when their content may have changed.
     */
    static Set<String> withReaders(Set<String> names, Map<String, String> statements, Connection parser)
            throws SQLException {
        Map<String, Set<String>> reads = new LinkedHashMap<>();
        for (Map.Entry<String, String> statement : statements.entrySet()) {
            reads.put(statement.getKey(), tablesRead(statement.getKey(), statement.getValue(), parser));
        }
        Set<String> found = new TreeSet<>(names);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, Set<String>> model : reads.entrySet()) {
                if (!found.contains(model.getKey()) && model.getValue().stream().anyMatch(found::contains)) {
                    found.add(model.getKey());
                    grew = true;
                }
            }
        }
        return found;
    }

    private static void visit(String name, Map<String, Set<String>> reads, Set<String> ordered, Set<String> path) {
        if (ordered.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            throw new IllegalStateException("the SQL files " + String.join(" -> ", path) + " -> " + name
                    + " read each other in a circle; one of them must not read the other");
        }
        for (String other : reads.get(name)) {
            visit(other, reads, ordered, path);
        }
        path.remove(name);
        ordered.add(name);
    }

    /** The names the statement reads as tables or views (its CTEs' names among them), as DuckDB parses it. */
    static Set<String> tablesRead(String name, String sql, Connection parser) throws SQLException {
        try (PreparedStatement statement = parser.prepareStatement("select json_serialize_sql(?::varchar)")) {
            statement.setString(1, sql);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                JsonNode tree = JSON.readTree(rows.getString(1));
                if (tree.path("error").asBoolean()) {
                    throw new IllegalStateException("sql/" + name + ".sql cannot be parsed: "
                            + tree.path("error_message").asText());
                }
                Set<String> tables = new TreeSet<>();
                for (JsonNode table : tree.findParents("table_name")) {
                    if ("BASE_TABLE".equals(table.path("type").asText())) {
                        tables.add(table.get("table_name").asText());
                    }
                }
                return tables;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("DuckDB's parse of sql/" + name + ".sql cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
