package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.DeliveryFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code load} or {@code publish} run on its own sets the JVM's compiler policy; inside a longer-lived JVM, not. */
class CompilerPolicyIT {

    @TempDir
    Path temp;

    @Test
    void aLoadOfItsOwnHoldsTheOptimisingCompilerBackForASmallNight() throws Exception {
        // given a night of one delivery
        CliHarness cli = new CliHarness(temp, "inbox.settle.seconds=0\n");
        fairs().writeZip(cli.inbox, "PROV-41_20220509_1.zip");

        // when the jar loads it in a process of its own
        JarProcess.Run run = JarProcess.run(temp, Map.of("CAMPAIGN_LOG_LEVEL", "DEBUG"), "load", "--warehouse",
                cli.warehouse.toString(), "--jobs", cli.jobs.toString(), "--inbox", cli.inbox.toString(),
                "--key-file", cli.keyFile.toString());

        // then C2 was held back from the start, and never released
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.stderr()).contains("the optimising compiler (C2) is held back until the load finds more than "
                + "16 MB of new files").doesNotContain("is released");
    }

    @Test
    void aLoadInAJvmThatRunsMoreLeavesTheCompilerAsItIs() throws Exception {
        // given the same night, loaded through the command line inside this JVM (as the schedule daemon does)
        CliHarness cli = new CliHarness(temp, "inbox.settle.seconds=0\n");
        fairs().writeZip(cli.inbox, "PROV-41_20220509_1.zip");

        // when
        int status = cli.load();

        // then nothing of the policy was touched (the log is at DEBUG, where the policy would be told)
        assertThat(status).isZero();
        assertThat(cli.lastOutput()).contains("inbox scanned in").doesNotContain("optimising compiler");
    }

    @Test
    void aPublishOfItsOwnHoldsTheOptimisingCompilerBack() throws Exception {
        // given a loaded night
        CliHarness cli = new CliHarness(temp, "inbox.settle.seconds=0\n");
        fairs().writeZip(cli.inbox, "PROV-41_20220509_1.zip");
        assertThat(cli.load()).isZero();

        // when the jar publishes it in a process of its own
        JarProcess.Run run = JarProcess.run(temp, Map.of("CAMPAIGN_LOG_LEVEL", "DEBUG"), "publish", "--warehouse",
                cli.warehouse.toString(), "--jobs", cli.jobs.toString(), "--as-of", "2022-05-09", "--out",
                temp.resolve("publish").toString());

        // then
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.stderr()).contains("the optimising compiler (C2) is held back while the snapshot is written");
    }

    private static DeliveryFixture fairs() {
        return new DeliveryFixture("PROV-41", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR);
    }
}
