package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.files.Folders;
import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.iceberg.OrphanFiles;
import cn.campaign.warehouse.testing.IcebergReadBack;
import cn.campaign.warehouse.testing.WarehouseDump;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Kills a real {@code load} process with SIGKILL at 40 moments spread over its run (JVM start, discovery, early
 * and late staging, the copy of the committed state, the transactions of the kept staging tables, the dimension and
 * fact builds, the checks, the commit), then checks what a reader sees
 * before the next run, and that the next run ends in exactly the warehouse an uninterrupted load gives.
 * Slow: run with {@code mvn verify -Pfaults} (as {@code .ci/run} does).
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryIT {

    private static final List<String> MARKERS = List.of("", "new file(s) in", "loaded#5", "loaded#25",
            "bringing the staging tables up to date", "continuing from the committed state", "kept the records of",
            "building the star schema", "checking the new state", "committing the new state",
            "writing the star's Iceberg tables", "Iceberg table fact_fair", "standby state brought up to date");
    private static final List<Integer> DELAYS_MILLIS = List.of(0, 40, 120, 300);

    private Path root;
    private CliHarness cli;
    private Path inbox;
    private Path base;
    private Map<String, List<String>> before;
    private Map<String, List<String>> after;
    private int referenceStatus;
    private final AtomicInteger killsOfALiveProcess = new AtomicInteger();

    @BeforeAll
    void oneNightLoadedThenTwoMoreWaiting() throws Exception {
        root = Files.createTempDirectory("crash-recovery");
        // the identity-by-identity path, whose changes bring the standby up to date, even for these small nights
        cli = new CliHarness(root, "inbox.settle.seconds=0\nload.rebuild.share=2\n");
        Path generated = root.resolve("generated");
        assertThat(cli.run("generate", "--out", generated.toString(), "--scale", "0.001", "--from", "2022-05-09",
                "--days", "3", "--seed", "11")).isZero();
        inbox = cli.inbox;
        List<Path> archives;
        try (Stream<Path> files = Files.list(generated)) {
            archives = files.sorted().toList();
        }
        base = root.resolve("base");
        // two nights, the second continuing the first: the killed run starts from the standby it left
        for (String night : List.of("_20220509_", "_20220510_")) {
            for (Path archive : archives.stream().filter(a -> a.getFileName().toString().contains(night)).toList()) {
                Files.copy(archive, inbox.resolve(archive.getFileName()));
            }
            assertThat(cli.load(base, inbox)).isIn(0, 2);
        }
        assertThat(base.resolve("standby/campaign.duckdb")).exists();
        before = WarehouseDump.of(base);
        for (Path archive : archives) {
            Files.copy(archive, inbox.resolve(archive.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path reference = copyOfBase("reference");
        referenceStatus = cli.load(reference, inbox);
        after = WarehouseDump.of(reference);
        assertThat(after).isNotEqualTo(before);
    }

    @AfterAll
    void enoughKillsHitARunningLoad() throws Exception {
        assertThat(killsOfALiveProcess.get()).as("kills that hit a load still running").isGreaterThanOrEqualTo(38);
        Folders.deleteTree(root);
    }

    static Stream<Arguments> killPoints() {
        return MARKERS.stream().flatMap(marker -> DELAYS_MILLIS.stream().map(delay -> Arguments.of(marker, delay)));
    }

    @ParameterizedTest(name = "kill {1} ms after \"{0}\"")
    @MethodSource("killPoints")
    void aKilledLoadLeavesTheLastCommittedStateAndTheNextRunFinishesTheWork(String marker, int delay)
            throws Exception {
        // given
        Path warehouse = copyOfBase(("kill-" + marker + "-" + delay).replaceAll("[^A-Za-z0-9-]", "_"));

        Path processTemp = Files.createDirectories(warehouse.resolveSibling(warehouse.getFileName() + "-java-tmp"));

        // when a load process is killed at this point
        killLoadAt(warehouse, processTemp, marker, delay);

        // then once past its start, the killed process left nothing in the system's temp folder (DuckDB's driver
        // copies its 70 MB native library there at every start)
        if (!marker.isEmpty()) {
            assertThat(leftovers(processTemp)).as("files the killed process left in the temp folder").isEmpty();
        }

        // then a reader sees the state before the run or after it, never anything else
        Map<String, List<String>> between = WarehouseDump.of(warehouse);
        assertThat(between.equals(before) || between.equals(after))
                .as("the state a reader sees after the kill is the last committed one").isTrue();
        assertThat(IcebergReadBack.mismatches(warehouse)).as("the Iceberg tables of that state").isEmpty();

        // when load runs again
        int status = cli.load(warehouse, inbox);

        // then it finishes the work: the same warehouse as an uninterrupted load, no run left STARTED, no leftovers
        assertThat(status).isEqualTo(referenceStatus);
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(after);
        assertThat(new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:"
                + warehouse.resolve("batch/job-repository"), "sa", ""))
                .queryForList("select status from batch_job_execution", String.class)).doesNotContain("STARTED");
        assertThat(leftovers(warehouse.resolve("tmp"))).as("temporary files of the killed run").isEmpty();
        assertThat(IcebergReadBack.mismatches(warehouse)).as("the Iceberg tables after the new run").isEmpty();
        try (Connection committed = Duck.openReadOnly(warehouse.resolve("campaign.duckdb"))) {
            assertThat(OrphanFiles.remove(committed, warehouse.resolve("star")))
                    .as("files under star/ that no committed Iceberg table reaches").isZero();
        }
    }

    private void killLoadAt(Path warehouse, Path processTemp, String marker, int delay) throws Exception {
        Process load = new ProcessBuilder("java", "-Djava.io.tmpdir=" + processTemp, "-jar",
                Path.of("target/campaign-warehouse.jar").toAbsolutePath().toString(), "load",
                "--warehouse", warehouse.toString(), "--jobs", cli.jobs.toString(), "--inbox", inbox.toString(),
                "--key-file", cli.keyFile.toString())
                .redirectErrorStream(true).start();
        CountDownLatch reached = new CountDownLatch(marker.isEmpty() ? 0 : 1);
        Thread reader = new Thread(() -> watch(load, marker, reached));
        reader.start();
        boolean seen = reached.await(120, TimeUnit.SECONDS);
        if (seen && delay > 0) {
            Thread.sleep(delay);
        }
        if (load.isAlive()) {
            load.destroyForcibly();
            killsOfALiveProcess.incrementAndGet();
        }
        assertThat(load.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join();
    }

    /** Counts down when the marker line appears; "loaded#N" waits for the N-th staged delivery. */
    private static void watch(Process load, String marker, CountDownLatch reached) {
        String text = marker.contains("#") ? marker.substring(0, marker.indexOf('#')) : marker;
        int needed = marker.contains("#") ? Integer.parseInt(marker.substring(marker.indexOf('#') + 1)) : 1;
        int seen = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(load.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!text.isEmpty() && line.contains(text) && ++seen == needed) {
                    reached.countDown();
                }
            }
        } catch (java.io.IOException e) {
            // the process was killed while we read its output
        }
        reached.countDown();
    }

    private Path copyOfBase(String name) throws Exception {
        Path copy = root.resolve(name);
        try (Stream<Path> files = Files.walk(base)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(base.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }

    private static List<Path> leftovers(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return new ArrayList<>(files.filter(Files::isRegularFile).toList());
        }
    }
}
