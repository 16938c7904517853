package cn.campaign.warehouse.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.catalog.Model;
import cn.campaign.warehouse.catalog.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a table of the staging layer, the star schema, the intermediate layer or the report views is, is said beside
 * its SQL; no Java class names one, so that adding or changing one is a change under {@code sql/} alone. The one
 * exception is the {@code status} command, which reads the published delivery ledger as an analyst would.
 */
class ModelNamesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Set<String> LAYERS = Set.of("staging", "warehouse", "intermediate", "marts");
    private static final Set<String> ALLOWED = Set.of("StatusCommand.java load_deliveries");

    @Test
    void noJavaClassNamesAModelOfTheSqlLayers() throws Exception {
        // given
        List<String> models = Models.all().stream().filter(model -> LAYERS.contains(model.layer()))
                .map(Model::name).toList();
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
                if (Pattern.compile("\\b" + model + "\\b").matcher(source).find() && !ALLOWED.contains(place)) {
                    named.add(place);
                }
            }
        }

        // then
        assertThat(models).contains("campaign_totals", "fact_post", "stg_posts", "int_campaign_graduates");
        assertThat(named).isEmpty();
    }
}
