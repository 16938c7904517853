package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code publish --as-of} through the command line: time travel, spreadsheet safety, suppression, immutability. */
class PublishEndToEndIT {

    private static final String INSTITUTION = "4141010001";
    private static final List<String> VIEWS = List.of("campaign_totals.csv", "cumulative_progress.csv",
            "daily_region_report.csv", "difficulty_push_compliance.csv", "institution_visit_compliance.csv");

    @TempDir
    Path temp;
    CliHarness cli;

    @BeforeEach
    void nightOne() throws Exception {
        cli = new CliHarness(temp, "");
        cli.deliverSmallInstitutionNight(INSTITUTION, "\"=HYPERLINK(\"\"http://x\"\")\"", 100);
        assertThat(cli.load()).isZero();
    }

    @Test
    void republishingAnOldDateAfterLaterLoadsGivesTheSameBytes() throws Exception {
        // given the snapshot of 2022-05-09, then a later night and its snapshot
        Path first = cli.publish("2022-05-09", temp.resolve("publish"));
        cli.deliverNextNightsFair();
        assertThat(cli.load()).isZero();
        Path later = cli.publish("2022-05-10", temp.resolve("publish"));

        // when 2022-05-09 is published again
        Path again = cli.publish("2022-05-09", temp.resolve("republished"));

        // then the first snapshot, read from the committed state, equals the one rebuilt from the deliveries
        assertThat(cli.console()).contains("publishing 2022-05-09 from the committed state",
                "rebuilding the state as of 2022-05-09 from the staged deliveries");
        for (String view : VIEWS) {
            assertThat(again.resolve(view)).as(view).hasSameBinaryContentAs(first.resolve(view));
        }
        assertThat(manifest(again).get("deliveries").toString()).isEqualTo("[\"PROV-41_20220509_1.zip\"]");
        assertThat(manifest(later).get("deliveries").toString())
                .isEqualTo("[\"PROV-41_20220509_1.zip\",\"PROV-41_20220510_1.zip\"]");
        assertThat(lines(later.resolve("campaign_totals.csv"))).element(1).asString()
                .startsWith("2022-promotion-week,2,1,15,105,55,");
        assertThat(lines(first.resolve("cumulative_progress.csv"))).last().asString()
                .as("a snapshot runs to its as-of date").startsWith("2022-sprint,2022-05-09,1,");
    }

    @Test
    void writesSpreadsheetSafeCsvAndSuppressesSmallCounts() throws Exception {
        // when
        Path snapshot = cli.publish("2022-05-09", temp.resolve("publish"));

        // then
        byte[] bytes = Files.readAllBytes(snapshot.resolve("institution_visit_compliance.csv"));
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\r\n")
                .contains(",\"'=HYPERLINK(\"\"http://x\"\")\",41,vocational,false,0,true,false,0.000000,0.000000,");
        assertThat(lines(snapshot.resolve("difficulty_push_compliance.csv"))).containsExactly(
                "\uFEFFcampaign_id,institution_code,province_code,difficulty_graduates,pushed_3plus,share_pushed_3plus",
                "2022-promotion-week," + INSTITUTION + ",41,,0,",
                "2022-sprint," + INSTITUTION + ",41,,0,");
        JsonNode manifest = manifest(snapshot);
        assertThat(manifest.get("suppressed").toString()).isEqualTo("["
                + "{\"file\":\"difficulty_push_compliance.csv\",\"key\":\"2022-promotion-week,4141010001\","
                + "\"column\":\"difficulty_graduates\"},"
                + "{\"file\":\"difficulty_push_compliance.csv\",\"key\":\"2022-promotion-week,4141010001\","
                + "\"column\":\"share_pushed_3plus\"},"
                + "{\"file\":\"difficulty_push_compliance.csv\",\"key\":\"2022-sprint,4141010001\","
                + "\"column\":\"difficulty_graduates\"},"
                + "{\"file\":\"difficulty_push_compliance.csv\",\"key\":\"2022-sprint,4141010001\","
                + "\"column\":\"share_pushed_3plus\"}]");
        assertThat(manifest.get("files")).extracting(file -> file.get("name").asText())
                .containsExactlyElementsOf(VIEWS);
        assertThat(manifest.get("files").get(0).get("rows").asInt()).isEqualTo(3);
    }

    @Test
    void neverChangesAPublishedSnapshotWithoutForce() throws Exception {
        Path snapshot = cli.publish("2022-05-09", temp.resolve("publish"));
        byte[] before = Files.readAllBytes(snapshot.resolve("manifest.json"));

        int status = cli.run("publish", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--as-of", "2022-05-09", "--out", temp.resolve("publish").toString());

        assertThat(status).isEqualTo(1);
        assertThat(cli.console()).contains("already exists", "--force");
        assertThat(Files.readAllBytes(snapshot.resolve("manifest.json"))).isEqualTo(before);
        assertThat(cli.run("publish", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--as-of", "2022-05-09", "--out", temp.resolve("publish").toString(), "--force")).isZero();
    }

    @Test
    void refusesADateAfterTheLatestBusinessDateLoadedUnlessToldOtherwise() throws Exception {
        // given a warehouse whose latest business date is 2022-05-09
        Path out = temp.resolve("publish");

        // when a later date is published
        int refused = cli.run("publish", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--as-of", "2022-05-10", "--out", out.toString());

        // then nothing is written, and the operator is told why and how to publish it anyway
        assertThat(refused).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("publish failed: the latest business date loaded is 2022-05-09, so a "
                + "snapshot as of 2022-05-10 would report the days after it as days without activity; publish an "
                + "earlier date, or pass --beyond-loaded to publish this one anyway");
        assertThat(out.resolve("2022-05-10")).doesNotExist();
        assertThat(cli.run("publish", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--as-of", "2022-05-10", "--out", out.toString(), "--beyond-loaded")).isZero();
        assertThat(lines(out.resolve("2022-05-10/cumulative_progress.csv"))).last().asString()
                .startsWith("2022-sprint,2022-05-10,1,");
    }

    @Test
    void aDateThatDoesNotExistIsNamedInASentence() {
        int status = cli.run("publish", "--warehouse", cli.warehouse.toString(), "--as-of", "2022-13-01");

        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("Invalid value for option '--as-of': '2022-13-01' is not a date of the "
                + "form YYYY-MM-DD (there is no month 13)").doesNotContain("java.", "Exception");
    }

    private static JsonNode manifest(Path snapshot) throws Exception {
        return new ObjectMapper().readTree(snapshot.resolve("manifest.json").toFile());
    }

    private static List<String> lines(Path csv) throws Exception {
        return new ArrayList<>(List.of(Files.readString(csv).split("\r\n")));
    }
}
