package cn.campaign.warehouse.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The {@code .sql} files of one layer of the project's {@code sql/} folder, as built into the jar. */
final class SqlFolder {

    private SqlFolder() {
    }

    /** Object name (the file name without {@code .sql}) to statement, in name order. */
    static Map<String, String> read(String layer) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:sql/" + layer + "/*.sql");
            Map<String, String> statements = new LinkedHashMap<>();
            for (Resource file : Arrays.stream(files).sorted(Comparator.comparing(Resource::getFilename)).toList()) {
                String name = file.getFilename().substring(0, file.getFilename().length() - 4);
                statements.put(name, file.getContentAsString(StandardCharsets.UTF_8));
            }
            if (statements.isEmpty()) {
                throw new IllegalStateException("no SQL files found for sql/" + layer + " in the application");
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sql/" + layer + ": " + e.getMessage(), e);
        }
    }

    /**
     * The names of {@code statements} ordered so that each comes after the others it reads (a name that appears as a
     * word outside comments), so the files need no numbering and an existing object is never read before its
     * statement has run.
     */
    static List<String> inDependencyOrder(Map<String, String> statements) {
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : statements.keySet()) {
            visit(name, statements, ordered, new LinkedHashSet<>());
        }
        return new ArrayList<>(ordered);
    }

    private static void visit(String name, Map<String, String> statements, Set<String> ordered, Set<String> path) {
        if (ordered.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            throw new IllegalStateException("the SQL files " + String.join(" -> ", path) + " -> " + name
                    + " read each other in a circle; one of them must not read the other");
        }
        String code = statements.get(name).replaceAll("--[^\n]*", "");
        for (String other : statements.keySet()) {
            if (!other.equals(name) && Pattern.compile("\\b" + other + "\\b").matcher(code).find()) {
                visit(other, statements, ordered, path);
            }
        }
        path.remove(name);
        ordered.add(name);
    }
}
