package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.config.OperatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data dictionary is complete and the checked-in {@code docs/data-dictionary.md} is the current one. */
class DataDictionaryIT {

    @TempDir
    Path temp;

    @Test
    void everyTableViewAndColumnHasAMeaningAndTheCheckedInDictionaryIsCurrent() throws Exception {
        try (WarehouseBuild build = WarehouseBuild.emptySchema(OperatorConfig.load(Path.of("jobs")), temp)) {
            build.buildReportViews();
            build.document();
            List<String> undocumented = new ArrayList<>();
            try (Statement statement = build.connection().createStatement();
                 ResultSet rows = statement.executeQuery(
                         SqlFolder.read("checks").get("assert_every_column_documented"))) {
                while (rows.next()) {
                    undocumented.add(rows.getString(1) + "." + rows.getString(2));
                }
            }
            assertThat(undocumented).as("describe these in the model files beside their SQL").isEmpty();

            assertThat(Files.readString(Path.of("docs/data-dictionary.md")))
                    .as("docs/data-dictionary.md is stale: run java -jar target/campaign-warehouse.jar dictionary "
                            + "--out docs/data-dictionary.md")
                    .isEqualTo(Dictionary.render(build.connection()));
        }
    }
}
