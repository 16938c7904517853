package cn.campaign.warehouse.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.catalog.Model;
import cn.campaign.warehouse.catalog.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a table or view is, is said beside its SQL; no Java class names one, so that adding, renaming or changing one
 * is a change under {@code sql/} alone. The loader's own tables are known to it by their role
 * ({@code LoaderTable}), which their model files declare.
 */
class ModelNamesTest {

    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void noJavaClassNamesATableOrViewOfTheWarehouse() throws Exception {
        // given
        List<String> models = Models.all().stream().map(Model::name).toList();
        List<Path> classes;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            classes = files.filter(file -> file.toString().endsWith(".java")).toList();
        }

        // when
        List<String> named = new ArrayList<>();
        for (Path file : classes) {
            String source = Files.readString(file);
            for (String model : models) {
                String place = file.getFileName() + " " + model;
                if (Pattern.compile("\\b" + model + "\\b").matcher(source).find()) {
                    named.add(place);
                }
            }
        }

        // then
        assertThat(models).contains("campaign_totals", "fact_post", "stg_posts", "int_campaign_graduates",
                "load_ledger", "load_deliveries", "effective_deliveries", "ref_source");
        assertThat(named).isEmpty();
    }
}
