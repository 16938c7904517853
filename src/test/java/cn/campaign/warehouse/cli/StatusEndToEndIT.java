package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.DeliveryFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status --date}: the 17:00 report's list of sources that have not reported. */
class StatusEndToEndIT {

    @TempDir
    Path temp;

    @Test
    void namesExactlyTheRegisteredSourcesWithNoLoadedDeliveryForTheDate() throws Exception {
        // given PROV-41 delivered 2022-05-09, PROV-11's delivery for it was quarantined, NATL-24365 sent 05-10
        CliHarness cli = new CliHarness(temp, "");
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path warehouse = temp.resolve("warehouse");
        fairs("PROV-41", "2022-05-09").writeZip(inbox, "PROV-41_20220509_1.zip");
        fairs("PROV-11", "2022-05-09").withWrongChecksum().writeZip(inbox, "PROV-11_20220509_1.zip");
        fairs("NATL-24365", "2022-05-10").writeZip(inbox, "NATL-24365_20220510_1.zip");
        cli.load(warehouse, inbox);
        List<String> registered = Files.readAllLines(cli.jobs.resolve("sources.csv")).stream().skip(1)
                .map(line -> line.split(",")[0]).toList();

        // when
        int status = cli.run("status", "--warehouse", warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--date", "2022-05-09");

        // then
        assertThat(status).isZero();
        List<String> notReported = section(cli.console(), "Not reported for 2022-05-09");
        List<String> expected = new ArrayList<>(registered);
        expected.remove("PROV-41");
        assertThat(notReported).extracting(line -> line.trim().split("\\s+")[0]).containsExactlyElementsOf(expected);
        assertThat(notReported).filteredOn(line -> line.contains("PROV-11"))
                .singleElement().asString().endsWith("(quarantined: CHECKSUM_MISMATCH)");
        assertThat(cli.console()).contains("Not reported for 2022-05-09 (" + expected.size() + " of "
                + registered.size() + " registered sources)")
                .contains("PROV-11_20220509_1.zip: quarantined (CHECKSUM_MISMATCH) - fairs.csv has SHA-256")
                .containsPattern("  PROV-41_20220509_1.zip: loaded, 1 records, 0 rejected\\R")
                .containsPattern("NATL-24365\\s+2022-05-10")
                .containsPattern("Last load run: #1, started \\S+ \\S+, completed, ended \\S+ \\S+\\R");
    }

    @Test
    void gradesEachSourceLikeDbtSourceFreshnessAndExitsForMonitoringWhenAsked() throws Exception {
        // given PROV-41 delivered 2022-05-09, a deadline long past, and every missing source only late enough to warn
        // except PROV-11, whose own threshold in sources.csv makes it an error after a minute
        CliHarness cli = new CliHarness(temp, "status.error.after.minutes=100000000\n");
        Files.writeString(cli.jobs.resolve("sources.csv"), Files.readString(cli.jobs.resolve("sources.csv"))
                .replace("PROV-11,province,北京市就业服务平台,11,,", "PROV-11,province,北京市就业服务平台,11,,1"));
        fairs("PROV-41", "2022-05-09").writeZip(cli.inbox, "PROV-41_20220509_1.zip");
        cli.load();

        // when
        int plain = cli.run("status", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--date", "2022-05-09");
        int monitored = cli.run("status", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--date", "2022-05-09", "--json", "--exit-code");

        // then
        assertThat(plain).as("status exits 0 unless asked for an exit code").isZero();
        assertThat(monitored).isEqualTo(3);
        JsonNode document = new ObjectMapper().readTree(cli.lastOutput().substring(cli.lastOutput().indexOf('{')));
        assertThat(document.get("date").asText()).isEqualTo("2022-05-09");
        assertThat(document.get("as_of_date").asText()).isEqualTo("2022-05-09");
        assertThat(document.get("worst").asText()).isEqualTo("error");
        Map<String, JsonNode> sources = new java.util.HashMap<>();
        document.get("sources").forEach(source -> sources.put(source.get("source_id").asText(), source));
        assertThat(sources.get("PROV-41").get("freshness").asText()).isEqualTo("loaded");
        assertThat(sources.get("PROV-11").get("freshness").asText()).isEqualTo("error");
        assertThat(sources.get("PROV-12").get("freshness").asText()).isEqualTo("warn");
        assertThat(sources.get("PROV-12").get("due_at").asText()).isEqualTo("2022-05-10T17:00:00+08:00");
        assertThat(sources.get("PROV-12").get("last_loaded").isNull()).isTrue();
        assertThat(document.get("deliveries").get(0).get("file_name").asText()).isEqualTo("PROV-41_20220509_1.zip");
        assertThat(document.get("freshness").get("warn").asInt()).isEqualTo(sources.size() - 2);
        assertThat(cli.console()).contains("  PROV-11  北京市就业服务平台  error: ", "  PROV-12  天津市就业服务平台  warn: ",
                "Deliveries for 2022-05-09 are due 2022-05-10 17:00 +08:00; checked ");
    }

    @Test
    void aSourceLateOnlyPastWarnAfterExitsTwoAndADateNotDueYetExitsZero() throws Exception {
        CliHarness cli = new CliHarness(temp, "status.error.after.minutes=100000000\n");
        fairs("PROV-41", "2022-05-09").writeZip(cli.inbox, "PROV-41_20220509_1.zip");
        cli.load();

        int late = cli.run("status", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--date", "2022-05-09", "--exit-code");
        int notDue = cli.run("status", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--date", java.time.LocalDate.now().plusDays(1).toString(), "--exit-code");

        assertThat(late).isEqualTo(2);
        assertThat(notDue).isZero();
        assertThat(cli.lastOutput()).contains("  PROV-41  河南省就业服务平台  pending").contains(", 0 warn, 0 error");
    }

    private static DeliveryFixture fairs(String source, String date) {
        return new DeliveryFixture(source, date, 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR.replace("2022-05-09", date));
    }

    /** The indented lines under the header line that starts with the given text. */
    private static List<String> section(String console, String header) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : console.split("\\R")) {
            if (line.startsWith(header)) {
                inside = true;
            } else if (inside && line.startsWith("  ")) {
                lines.add(line);
            } else if (inside) {
                break;
            }
        }
        return lines;
    }
}
