package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.generate.DemoContrast;
import cn.campaign.warehouse.files.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo: its first report has contrast to show, as a new user would open it. */
class DemoEndToEndIT {

    @TempDir
    Path temp;

    @Test
    void theDemoReportShowsTargetsMetAndMissedASuppressedCellACorrectionAndAQuarantine() throws Exception {
        // given
        CliHarness cli = new CliHarness(temp, "");

        // when
        assertThat(cli.run("demo", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--out", temp.resolve("publish").toString())).isZero();

        // then
        Path snapshot = temp.resolve("publish/2022-05-15");
        List<List<String>> compliance = SnapshotDocumentsIT.readCsv(
                snapshot.resolve("institution_visit_compliance.csv"));
        int met = compliance.get(0).indexOf("visit_target_met");
        int partners = compliance.get(0).indexOf("new_partner_target_met");
        List<List<String>> week = compliance.stream().filter(row -> row.get(0).equals("2022-promotion-week"))
                .toList();
        assertThat(week).anyMatch(row -> row.get(met).equals("true") && row.get(partners).equals("true"));
        assertThat(week).anyMatch(row -> row.get(met).equals("false"));
        assertThat(Files.readString(snapshot.resolve("manifest.json")))
                .contains("\"key\" : \"2022-promotion-week," + DemoContrast.INSTITUTION + "\"");
        assertThat(CliHarness.query(cli.warehouse, "select file_name || ' ' || status from load_ledger "
                + "where sequence > 1 or status = 'quarantined' order by 1"))
                .containsExactly("PROV-11_20220509_2.zip loaded", "PROV-65_20220515_1.zip quarantined");
        assertThat(Files.readString(snapshot.resolve("report.html")))
                .contains("{\"source_id\":\"PROV-65\",\"name\":\"新疆维吾尔自治区就业服务平台\","
                        + "\"state\":\"quarantined: BAD_ARCHIVE\"}");
    }

    @Test
    void theDemoPrintsCommandsThatWorkFromAnyFolderAndLeavesNoInboxBehind() throws Exception {
        // given
        CliHarness cli = new CliHarness(temp, "");

        // when
        cli.run("demo", "--warehouse", "demo-warehouse-" + temp.getFileName(), "--jobs", cli.jobs.toString(),
                "--out", temp.resolve("publish").toString());

        // then
        String printed = cli.lastOutput();
        Path inbox = Path.of(printed.replaceAll("(?s).*\\) in (\\S+)\n.*", "$1"));
        assertThat(inbox).isAbsolute().doesNotExist();
        assertThat(printed).contains("removed the demo's generated inbox " + inbox);
        String status = printed.lines().filter(line -> line.contains("what was loaded: ")).findFirst().orElseThrow()
                .replaceFirst(".*what was loaded: ", "");
        assertThat(status).contains(Path.of("demo-warehouse-" + temp.getFileName()).toAbsolutePath().toString());
        Process process = new ProcessBuilder(status.split(" ")).directory(temp.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("PROV-11_20220515_1.zip: loaded");
        assertThat(printed).contains("dictionary");
        Folders.deleteTree(Path.of("demo-warehouse-" + temp.getFileName()));
    }
}
