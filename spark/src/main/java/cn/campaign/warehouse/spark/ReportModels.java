package cn.campaign.warehouse.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The report models as the main build runs them on DuckDB: the files of sql/intermediate and sql/marts, copied
 * into this jar unchanged, each the query of the view of its file's name. Ordered so that each comes after the
 * models it reads.
 */
final class ReportModels {

    private static final List<String> LAYERS = List.of("intermediate", "marts");

    private ReportModels() {
    }

    /** Model name to its SQL, each after the models it reads. */
    static Map<String, String> inOrder() {
        Map<String, String> models = new LinkedHashMap<>();
        for (String layer : LAYERS) {
            read(layer, models);
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        while (ordered.size() < models.size()) {
            int before = ordered.size();
            for (Map.Entry<String, String> model : models.entrySet()) {
                if (!ordered.containsKey(model.getKey()) && models.keySet().stream()
                        .filter(other -> !other.equals(model.getKey()) && !ordered.containsKey(other))
                        .noneMatch(other -> reads(model.getValue(), other))) {
                    ordered.put(model.getKey(), model.getValue());
                }
            }
            if (ordered.size() == before) {
                throw new IllegalStateException("the report models read each other in a cycle: " + models.keySet());
            }
        }
        return ordered;
    }

    /** Whether {@code sql} names {@code table}, comments aside. */
    static boolean reads(String sql, String table) {
        String code = sql.replaceAll("--[^\\n]*", "");
        return Pattern.compile("\\b" + Pattern.quote(table) + "\\b").matcher(code).find();
    }

    private static void read(String layer, Map<String, String> models) {
        try {
            URI folder = ReportModels.class.getResource("/sql/" + layer).toURI();
            if (folder.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(folder, Map.of())) {
                    list(jar.getPath("/sql/" + layer), models);
                }
            } else {
                list(Path.of(folder), models);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report models of sql/" + layer, e);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("this jar holds no sql/" + layer + ": it was built without the models", e);
        }
    }

    private static void list(Path folder, Map<String, String> models) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(file -> file.getFileName().toString().endsWith(".sql")).sorted().forEach(files::add);
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                String name = file.getFileName().toString().replaceFirst("\\.sql$", "");
                models.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }
}
