package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.config.OperatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each report view tested as data: {@code views/<view>/given.sql} fills the real, otherwise empty warehouse
 * tables with a few rows, and the view must answer exactly {@code views/<view>/expected.csv}, in key order.
 */
class ReportViewsIT {

    @TempDir
    Path temp;

    /** Each view's case: the rows of {@code given}'s given.sql, and its own expected.csv. */
    @ParameterizedTest
    @CsvSource({"campaign_totals, campaign_totals", "daily_region_report, daily_region_report",
        "campaign_daily_region_report, daily_region_report", "institution_visit_compliance, "
            + "institution_visit_compliance", "difficulty_push_compliance, difficulty_push_compliance",
        "cumulative_progress, cumulative_progress"})
    void answersExactlyTheExpectedRows(String view, String given) throws Exception {
        // given the warehouse of no deliveries at all, then the case's rows
        try (WarehouseBuild build = WarehouseBuild.emptySchema(OperatorConfig.load(Path.of("jobs")), temp)) {
            try (Statement statement = build.connection().createStatement()) {
                statement.execute(resource(given, "given.sql"));

                // when
                build.buildReportViews();
                Path actual = temp.resolve(view + ".csv");
                statement.execute("copy (select * from " + view + " order by all) to '" + Duck.literal(actual.toString())
                        + "' (header, delimiter ',')");

                // then
                assertThat(Files.readString(actual)).isEqualTo(resource(view, "expected.csv"));
            }
        }
    }

    private static String resource(String view, String file) throws Exception {
        try (var in = ReportViewsIT.class.getResourceAsStream("/views/" + view + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
