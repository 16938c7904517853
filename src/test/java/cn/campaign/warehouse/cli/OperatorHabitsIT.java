package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a night operator's tools expect of the jar, run as they run it: its own process, its environment, its
 * exit status, its stderr read by a log aggregator.
 */
class OperatorHabitsIT {

    @TempDir
    Path temp;

    @Test
    void anEnvironmentVariableOverridesTheSettleTimeOfLoadProperties() throws Exception {
        // given a delivery copied into the inbox a moment ago, which the 60 s of load.properties would leave waiting
        CliHarness cli = new CliHarness(temp, "inbox.settle.seconds=60\n");
        cli.deliverOneFair();
        Path delivery = cli.inbox.resolve("PROV-41_20220509_1.zip");
        Files.setLastModifiedTime(delivery, FileTime.from(Instant.now()));

        // when the operator overrides it for this run, as Spring Boot applications are overridden
        JarProcess.Run run = run(Map.of("CAMPAIGN_INBOX_SETTLE_SECONDS", "0"), "load", "--warehouse", cli.warehouse.toString(),
                "--jobs", cli.jobs.toString(), "--inbox", cli.inbox.toString(), "--key-file", cli.keyFile.toString());

        // then
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("PROV-41_20220509_1.zip: loaded").doesNotContain("waiting:");
        assertThat(run.stderr()).as("staging says what it did and how fast").contains("staged 1 file, 1 records, in ")
                .doesNotContain("is not a setting");
    }

    @Test
    void aMistypedVariableIsNamedWithTheSettingItProbablyMeant() throws Exception {
        CliHarness cli = new CliHarness(temp, "");

        JarProcess.Run run = run(Map.of("CAMPAIGN_INBOX_SETTLE_SECOND", "0"), "status", "--warehouse", cli.warehouse.toString(),
                "--jobs", cli.jobs.toString());

        assertThat(run.output()).contains("WARN  WarehouseOptions - the environment variable "
                + "CAMPAIGN_INBOX_SETTLE_SECOND is not a setting of the load (did you mean "
                + "CAMPAIGN_INBOX_SETTLE_SECONDS?); it is ignored");
    }

    @Test
    void jsonLogsCarryEachFilesOutcomeAsFieldsWithTheMessageRendered() throws Exception {
        // given one good delivery and one whose name is not a delivery's
        CliHarness cli = new CliHarness(temp, "inbox.settle.seconds=0\n");
        cli.deliverOneFair();
        Files.writeString(cli.inbox.resolve("notes.zip"), "not an archive");

        // when the environment asks for JSON, as a daemon's unit file would
        JarProcess.Run run = run(Map.of("CAMPAIGN_LOG_FORMAT", "json"), "load", "--warehouse", cli.warehouse.toString(),
                "--jobs", cli.jobs.toString(), "--inbox", cli.inbox.toString(), "--key-file", cli.keyFile.toString());

        // then every line of stderr is one JSON event, stamped with date and offset in the schedule's zone
        assertThat(run.status()).isEqualTo(2);
        List<JsonNode> events = new ArrayList<>();
        for (String line : run.stderr().split("\n")) {
            events.add(new ObjectMapper().readTree(line));
        }
        assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(event.get("@timestamp").asText())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d+\\+08:00"));
        JsonNode loaded = outcome(events, "PROV-41_20220509_1.zip");
        assertThat(loaded.get("source").asText()).isEqualTo("PROV-41");
        assertThat(loaded.get("business_date").asText()).isEqualTo("2022-05-09");
        assertThat(loaded.get("status").asText()).isEqualTo("loaded");
        assertThat(loaded.get("records").asLong()).isEqualTo(1);
        assertThat(loaded.get("rejected").asLong()).isZero();
        assertThat(loaded.get("message").asText()).isEqualTo("PROV-41_20220509_1.zip: loaded, 1 records, 0 rejected");
        JsonNode quarantined = outcome(events, "notes.zip");
        assertThat(quarantined.get("status").asText()).isEqualTo("quarantined");
        assertThat(quarantined.get("reason").asText()).isEqualTo("BAD_NAME");
        assertThat(events).filteredOn(event -> event.has("event"))
                .singleElement().satisfies(summary -> {
                    assertThat(summary.get("loaded").asInt()).isEqualTo(1);
                    assertThat(summary.get("quarantined").asInt()).isEqualTo(1);
                    assertThat(summary.get("message").asText()).startsWith("summary: 1 loaded, 0 skipped, 1 quarantined");
                });
        assertThat(run.stderr()).doesNotContain("{}");
        assertThat(run.stdout()).contains("PROV-41_20220509_1.zip: loaded", "summary: ");
    }

    @Test
    void theLogLevelOptionWinsOverTheEnvironmentAndTextLinesCarryDateAndOffset() throws Exception {
        CliHarness cli = new CliHarness(temp, "inbox.settle.seconds=0\n");
        cli.deliverOneFair();

        JarProcess.Run quiet = run(Map.of("CAMPAIGN_LOG_LEVEL", "DEBUG"), "load", "--log-level", "warn", "--warehouse",
                cli.warehouse.toString(), "--jobs", cli.jobs.toString(), "--inbox", cli.inbox.toString(),
                "--key-file", cli.keyFile.toString());
        // the option before the command, as a global one; a load's own DEBUG lines (not those of the library loaded
        // ahead on another thread, which may come before the command line is read) show the level took effect
        JarProcess.Run loud = run(Map.of(), "--log-level=debug", "load", "--warehouse", cli.warehouse.toString(),
                "--jobs", cli.jobs.toString(), "--inbox", cli.inbox.toString(), "--key-file", cli.keyFile.toString());

        assertThat(quiet.status()).isZero();
        assertThat(quiet.stderr()).doesNotContain(" INFO ", " DEBUG ");
        assertThat(loud.status()).isZero();
        assertThat(loud.stderr()).containsPattern("(?m)^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} "
                + "\\+08:00 DEBUG LoadJobConfig - inbox scanned in ");
    }

    @Test
    void aLogLevelOrFormatThatDoesNotExistIsRefusedInASentence() throws Exception {
        JarProcess.Run level = run(Map.of(), "status", "--log-level", "verbose");
        JarProcess.Run format = run(Map.of("CAMPAIGN_LOG_FORMAT", "xml"), "status");

        assertThat(level.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(level.stderr()).contains("expected one of [ERROR, WARN, INFO, DEBUG]");
        assertThat(format.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(format.stderr()).isEqualTo("CAMPAIGN_LOG_FORMAT is 'xml'; it must be text or json\n");
    }

    @Test
    void everyCommandPrintsTheVersionTheCommitAndDuckDbs() throws Exception {
        for (List<String> args : List.of(List.of("--version"), List.of("load", "-V"), List.of("sql", "--version"))) {
            JarProcess.Run run = run(Map.of(), args.toArray(String[]::new));

            assertThat(run.status()).isZero();
            assertThat(run.stdout()).as(String.join(" ", args))
                    .containsPattern("campaign-warehouse \\S+ \\(commit [0-9a-f]{7}")
                    .contains("DuckDB v2.", "the catalog opens in DuckDB 1.4.0 and later");
        }
    }

    @Test
    void aMistypedCommandGetsADidYouMean() throws Exception {
        JarProcess.Run run = run(Map.of(), "staus");

        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.stderr()).contains("Did you mean: campaign-warehouse status?",
                "Run 'campaign-warehouse --help' for its usage.");
    }

    private static JsonNode outcome(List<JsonNode> events, String file) {
        return events.stream().filter(event -> event.path("file").asText().equals(file)).findFirst().orElseThrow();
    }

    private JarProcess.Run run(Map<String, String> environment, String... args) throws Exception {
        return JarProcess.run(temp, environment, args);
    }
}
