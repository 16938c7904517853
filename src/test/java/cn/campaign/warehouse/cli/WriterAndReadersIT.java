package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.testing.DeliveryFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per warehouse (a manual load, another load process, the schedule daemon); a reader's open session
 * keeps answering from one state.
 */
class WriterAndReadersIT {

    @TempDir
    Path temp;
    CliHarness cli;

    @BeforeEach
    void firstNight() throws Exception {
        // no wait for settling files; these one-fair nights touch every identity, and keep the identity-by-identity path
        cli = new CliHarness(temp, "inbox.settle.seconds=0\nload.rebuild.share=2\n");
        fairs("2022-05-09").writeZip(cli.inbox, "PROV-41_20220509_1.zip");
        assertThat(cli.load()).isZero();
    }

    @Test
    void aSecondLoadProcessExitsAtOnceWhileAnotherHoldsTheWarehouse() throws Exception {
        // given another process's load holds the writer's lock (taken here, as the running load takes it)
        fairs("2022-05-10").writeZip(cli.inbox, "PROV-41_20220510_1.zip");
        try (FileChannel channel = FileChannel.open(cli.warehouse.resolve(".load.lock"), StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {

            // when a load starts in a separate process
            Process load = new ProcessBuilder("java", "-jar", Path.of("target/campaign-warehouse.jar").toAbsolutePath()
                    .toString(), "load", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                    "--inbox", cli.inbox.toString(), "--key-file", cli.keyFile.toString())
                    .redirectErrorStream(true).start();
            boolean ended = load.waitFor(60, TimeUnit.SECONDS);
            String output = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            // then it stops with exit 1 and a sentence, and the warehouse still shows one fair
            assertThat(ended).isTrue();
            assertThat(load.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("another load is already running on the warehouse",
                    "this run stops without changing anything");
            assertThat(fairs()).isEqualTo(1);
        }
        assertThat(cli.load()).as("once the lock is free the delivery loads").isZero();
        assertThat(fairs()).isEqualTo(2);
    }

    @Test
    void aManualLoadWhileTheScheduleDaemonIsLoadingExitsAtOnceAndTheDaemonCompletes() throws Exception {
        // given a schedule daemon that starts loading ten nights of deliveries (320 archives)
        assertThat(cli.run("generate", "--out", cli.inbox.toString(), "--scale", "0.002", "--from", "2022-05-10",
                "--days", "10", "--seed", "5")).isZero();
        try (Stream<Path> files = Files.list(cli.inbox)) {
            for (Path file : files.toList()) {
                DeliveryFixture.settled(file);
            }
        }
        Process daemon = new ProcessBuilder("java", "-jar", Path.of("target/campaign-warehouse.jar").toAbsolutePath()
                .toString(), "schedule", "--cron", "*/2 * * * * *", "--warehouse", cli.warehouse.toString(), "--jobs",
                cli.jobs.toString(), "--inbox", cli.inbox.toString(), "--key-file", cli.keyFile.toString())
                .redirectErrorStream(true).start();
        try {
            List<String> output = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch finished = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(daemon.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        output.add(line);
                        if (line.contains("new file(s) in")) {
                            loading.countDown();
                        }
                        if (line.startsWith("load finished with exit status")) {
                            finished.countDown();
                        }
                    }
                } catch (java.io.IOException e) {
                    // the daemon was stopped
                }
            });
            reader.start();
            assertThat(loading.await(60, TimeUnit.SECONDS)).as("the daemon started a load").isTrue();

            // when an operator runs load by hand meanwhile
            int status = cli.load();

            // then the manual load is refused at once and the daemon's load completes
            assertThat(status).isEqualTo(1);
            assertThat(cli.console()).contains("another load is already running on the warehouse");
            assertThat(finished.await(120, TimeUnit.SECONDS)).as(String.join("\n", linesSoFar(output))).isTrue();
            // the daemon goes on printing: read a copy taken under the list's lock
            assertThat(linesSoFar(output)).contains("load finished with exit status 0");
            assertThat(fairs()).isGreaterThan(1);
        } finally {
            daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> linesSoFar(List<String> output) {
        synchronized (output) {
            return new ArrayList<>(output);
        }
    }

    @Test
    void aSessionOpenBeforeALoadKeepsAnsweringFromTheStateItOpened() throws Exception {
        try (Connection analyst = Duck.openReadOnly(cli.warehouse.resolve("campaign.duckdb"))) {
            assertThat(count(analyst)).isEqualTo(1);

            fairs("2022-05-10").writeZip(cli.inbox, "PROV-41_20220510_1.zip");
            assertThat(cli.load()).isZero();

            assertThat(count(analyst)).as("the open session still sees the state it opened").isEqualTo(1);
        }
        assertThat(fairs()).as("a new session sees the new state").isEqualTo(2);
    }

    @Test
    void aSessionOfThisProcessOpenThroughTwoLoadsKeepsAnsweringFromTheStateItOpened() throws Exception {
        try (Connection analyst = Duck.openReadOnly(cli.warehouse.resolve("campaign.duckdb"))) {
            // when two loads follow, the second of which would start from the state the session holds
            fairs("2022-05-10").writeZip(cli.inbox, "PROV-41_20220510_1.zip");
            assertThat(cli.load()).isZero();
            fairs("2022-05-11").writeZip(cli.inbox, "PROV-41_20220511_1.zip");
            assertThat(cli.load()).isZero();

            // then the second load copied the committed state instead, and the session's state is untouched
            assertThat(cli.lastOutput()).contains("a session of this process still reads the standby state");
            assertThat(count(analyst)).as("the open session still sees the state it opened").isEqualTo(1);
        }
        assertThat(fairs()).isEqualTo(3);
    }

    @Test
    void aSessionOfAnotherProcessOpenThroughTwoLoadsKeepsAnsweringFromTheStateItOpened() throws Exception {
        // given a session open in this process, and loads run by the jar in processes of their own
        try (Connection analyst = Duck.openReadOnly(cli.warehouse.resolve("campaign.duckdb"))) {
            fairs("2022-05-10").writeZip(cli.inbox, "PROV-41_20220510_1.zip");
            assertThat(loadInAProcessOfItsOwn().status()).isZero();
            fairs("2022-05-11").writeZip(cli.inbox, "PROV-41_20220511_1.zip");
            JarProcess.Run second = loadInAProcessOfItsOwn();

            // then DuckDB's lock kept the second load from writing the file the session reads
            assertThat(second.status()).as(second.output()).isZero();
            assertThat(second.output()).contains("copying the committed state: another process still has the "
                    + "standby state open");
            assertThat(count(analyst)).as("the open session still sees the state it opened").isEqualTo(1);
        }
        assertThat(fairs()).isEqualTo(3);
        // and with no session left on it, the next load starts from the standby
        fairs("2022-05-12").writeZip(cli.inbox, "PROV-41_20220512_1.zip");
        JarProcess.Run third = loadInAProcessOfItsOwn();
        assertThat(third.output()).contains("standby state brought up to date");
        assertThat(fairs()).isEqualTo(4);
    }

    private JarProcess.Run loadInAProcessOfItsOwn() throws Exception {
        return JarProcess.run(temp, java.util.Map.of(), "load", "--warehouse", cli.warehouse.toString(), "--jobs",
                cli.jobs.toString(), "--inbox", cli.inbox.toString(), "--key-file", cli.keyFile.toString());
    }

    private DeliveryFixture fairs(String date) {
        return new DeliveryFixture("PROV-41", date, 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR.replace("F1", "F" + date).replace("2022-05-09", date));
    }

    private long fairs() throws Exception {
        try (Connection connection = Duck.openReadOnly(cli.warehouse.resolve("campaign.duckdb"))) {
            return count(connection);
        }
    }

    private static long count(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from fact_fair join dim_date using (date_key)")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
