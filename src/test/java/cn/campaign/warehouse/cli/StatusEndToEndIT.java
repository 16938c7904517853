package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.DeliveryFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
                .containsPattern("NATL-24365\\s+2022-05-10");
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
