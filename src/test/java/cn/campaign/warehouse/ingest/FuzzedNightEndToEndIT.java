package cn.campaign.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.cli.Main;
import cn.campaign.warehouse.validate.Codes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nights of fuzzed deliveries (see {@link FrontDoorFuzzIT}) loaded through the whole command: staging, the build,
 * every data check and the commit. Whatever the sources sent, each night ends with exit 0 or 2, never 1: what loaded
 * passed every check, and the next night loads on top of it.
 */
class FuzzedNightEndToEndIT {

    @TempDir
    Path temp;

    @Test
    void threeNightsOfMutatedDeliveriesLoadAndPassEveryCheck() throws Exception {
        nights(3, 25, 17L);
    }

    @Test
    @Tag("faults")
    void tenLongerNights() throws Exception {
        nights(10, 31, 4242L);
    }

    private void nights(int nights, int deliveries, long seed) throws Exception {
        // given an operator who lets every record that can load, load
        Path jobs = Files.createDirectories(temp.resolve("jobs"));
        Files.copy(Path.of("jobs/sources.csv"), jobs.resolve("sources.csv"));
        Files.copy(Path.of("jobs/campaigns.csv"), jobs.resolve("campaigns.csv"));
        Files.writeString(jobs.resolve("load.properties"), "reject.rate.max=1.0\nrecord.max.bytes=4096\n");
        Path key = Files.writeString(temp.resolve("test.key"), "0123456789abcdef0123456789abcdef");
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path warehouse = temp.resolve("warehouse");
        List<String> provinces = List.copyOf(Codes.provinceCodes());
        Random random = new Random(seed);
        for (int night = 0; night < nights; night++) {
            LocalDate date = LocalDate.of(2022, 5, 9).plusDays(night);
            for (int i = 0; i < deliveries; i++) {
                FrontDoorFuzzIT.random(random).write(inbox, "PROV-" + provinces.get(i % provinces.size()), date);
            }

            // when
            int status = Main.execute("load", "--warehouse", warehouse.toString(), "--jobs", jobs.toString(),
                    "--inbox", inbox.toString(), "--key-file", key.toString());

            // then
            assertThat(status).as("night " + (night + 1)).isIn(0, 2);
        }
        assertThat(Main.execute("publish", "--warehouse", warehouse.toString(), "--jobs", jobs.toString(),
                "--as-of", LocalDate.of(2022, 5, 9).plusDays(nights - 1).toString(),
                "--out", temp.resolve("publish").toString())).isZero();
        assertThat(new String(Files.readAllBytes(temp.resolve("publish").resolve(
                LocalDate.of(2022, 5, 9).plusDays(nights - 1).toString()).resolve("campaign_totals.csv")),
                StandardCharsets.UTF_8)).startsWith("\uFEFFcampaign_id,");
    }
}
