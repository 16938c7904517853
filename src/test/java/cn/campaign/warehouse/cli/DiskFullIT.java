package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.campaign.warehouse.testing.DeliveryFixture;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse on a small tmpfs that fills up during a load: the load fails with a sentence about disk space,
 * the previous state stays queryable, and once space is freed the next load finishes the work.
 * Needs permission to mount a tmpfs (root in CI); elsewhere it is skipped and says why.
 */
@Tag("faults")
class DiskFullIT {

    @TempDir
    Path temp;
    Path disk;

    @BeforeEach
    void smallDisk() throws Exception {
        disk = Files.createDirectories(temp.resolve("disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", disk.toString()) == 0,
                "mounting a tmpfs needs root or CAP_SYS_ADMIN");
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", "-l", disk.toString());
    }

    @Test
    void aFullDiskFailsTheLoadClearlyAndLeavesThePreviousStateQueryable() throws Exception {
        // given one night loaded on the small disk, then the disk filled up to its last 256 KiB
        CliHarness cli = new CliHarness(temp.resolve("operator"), "");
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path warehouse = disk.resolve("warehouse");
        night(inbox, "2022-05-09");
        assertThat(cli.load(warehouse, inbox)).isZero();
        List<String> before = CliHarness.query(warehouse, "select * from campaign_totals order by all");
        night(inbox, "2022-05-10");
        Path ballast = disk.resolve("ballast");
        try (OutputStream out = Files.newOutputStream(ballast)) {
            byte[] block = new byte[1 << 16];
            while (Files.getFileStore(disk).getUsableSpace() > 256 << 10) {
                out.write(block);
            }
        } catch (java.io.IOException full) {
            // the disk is full: exactly what we wanted
        }

        // when
        int status = cli.load(warehouse, inbox);

        // then
        assertThat(status).isEqualTo(1);
        assertThat(cli.console()).contains("load failed: ", "check free disk space",
                "Nothing of this run is visible");
        assertThat(CliHarness.query(warehouse, "select * from campaign_totals order by all")).isEqualTo(before);

        // when space is freed and load runs again
        Files.delete(ballast);
        assertThat(cli.load(warehouse, inbox)).isZero();

        // then the second night is there
        assertThat(CliHarness.query(warehouse, "select fairs from campaign_totals where campaign_id = '2022-sprint'"))
                .containsExactly("2");
    }

    private static void night(Path inbox, String date) throws Exception {
        StringBuilder posts = new StringBuilder("post_id,published_date,enterprise_uscc,title,work_region_code,"
                + "headcount,origin_platform,origin_post_id\n");
        for (int i = 0; i < 20_000; i++) {
            posts.append("P").append(date).append('-').append(i).append(',').append(date)
                    .append(",91350100M000100Y43,岗位").append(i).append(",41,1,PROV-41,").append(date).append('-')
                    .append(i).append('\n');
        }
        new DeliveryFixture("PROV-41", date, 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", "fair_id,name,start_date,fair_type,channel,region_code,employers,posts,"
                        + "attendees\nF" + date + ",双选会," + date + ",campus,offline,4101,10,100,50\n")
                .file("posts.csv", "post", posts.toString())
                .writeZip(inbox, "PROV-41_" + date.replace("-", "") + "_1.zip");
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
