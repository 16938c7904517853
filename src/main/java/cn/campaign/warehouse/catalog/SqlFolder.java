package cn.campaign.warehouse.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The {@code .sql} files of one layer of the project's {@code sql/} folder, as built into the jar. */
final class SqlFolder {

    private SqlFolder() {
    }

    /** Object name (the file name without {@code .sql}) to statement, in name order. */
    static Map<String, String> read(String layer) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:sql/" + layer + "/*.sql");
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
}
