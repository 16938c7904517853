package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.IcebergReadBack;
import cn.campaign.warehouse.testing.PostgresServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills a real {@code load} process with SIGKILL after its commit, as it publishes to a shared catalog in a real
 * PostgreSQL server: readers of that catalog find every star table at the state before the run or every table at the
 * state after it, never a mixture, and the next run brings the catalog to the committed state. Night after night on
 * one warehouse, each kill on a new night. Slow: run with {@code mvn verify -Pfaults}.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedCatalogCrashIT {

    private PostgresServer postgres;
    private String url;
    private CliHarness cli;
    private List<Path> nights;
    private int night;
    private int killsBeforeThePublish;

    @BeforeAll
    void firstNightLoadedWithASharedCatalog() throws Exception {
        postgres = PostgresServer.start();
        url = postgres.newDatabase("campaign");
        Path root = Files.createTempDirectory("shared-catalog-crash");
        cli = new CliHarness(root, "inbox.settle.seconds=0\nshared.catalog.url=" + url + "\n");
        assertThat(cli.run("generate", "--out", root.resolve("generated").toString(), "--scale", "0.001", "--from",
                "2022-05-09", "--days", "8", "--seed", "17")).isZero();
        try (Stream<Path> files = Files.list(root.resolve("generated"))) {
            nights = files.sorted().toList();
        }
        deliverNextNight();
        assertThat(cli.load()).isIn(0, 2);
        assertThat(pointersIn(url)).isEqualTo(IcebergReadBack.metadataLocations(cli.warehouse));
    }

    @AfterAll
    void stopPostgres() {
        postgres.close();
        assertThat(killsBeforeThePublish).as("kills after which the shared catalog still held the state before the run")
                .isPositive();
    }

    @ParameterizedTest(name = "kill {1} ms after \"{0}\"")
    @CsvSource({"committed: readers now see,0", "publishing the committed state,0",
        "publishing the committed state,3", "publishing the committed state,10", "publishing the committed state,25",
        "publishing the committed state,60"})
    void aKillDuringThePublishLeavesTheOldOrTheNewStateAndTheNextRunFinishesIt(String marker, int delay)
            throws Exception {
        // given the shared catalog at the committed state, and a new night in the inbox
        Map<String, String> before = pointersIn(url);
        assertThat(before).isEqualTo(IcebergReadBack.metadataLocations(cli.warehouse));
        deliverNextNight();

        // when a load is killed while it publishes what it committed
        String output = killLoadAt(marker, delay);

        // then the shared catalog holds every table where it was, or every table where the new state has it
        Map<String, String> committed = IcebergReadBack.metadataLocations(cli.warehouse);
        Map<String, String> between = pointersIn(url);
        assertThat(committed).as("the load committed before it was killed; it wrote:%n%s", output)
                .isNotEqualTo(before);
        assertThat(between).as("the shared catalog after the kill").isIn(before, committed);
        if (between.equals(before)) {
            killsBeforeThePublish++;
        }
        if (between.equals(committed)) {
            assertThat(IcebergReadBack.mismatchesThroughCatalogAt(cli.warehouse, url)).isEmpty();
        }

        // when load runs again
        assertThat(cli.load()).isZero();

        // then the shared catalog is at the committed state, and reads as DuckDB does
        assertThat(pointersIn(url)).isEqualTo(IcebergReadBack.metadataLocations(cli.warehouse));
        assertThat(IcebergReadBack.mismatchesThroughCatalogAt(cli.warehouse, url)).isEmpty();
    }

    private void deliverNextNight() throws Exception {
        String day = "_202205" + String.format("%02d", 9 + night++) + "_";
        for (Path archive : nights.stream().filter(file -> file.getFileName().toString().contains(day)).toList()) {
            Files.copy(archive, cli.inbox.resolve(archive.getFileName()));
        }
    }

    /** Returns what the killed load wrote, to tell why when it ended before its commit. */
    private String killLoadAt(String marker, int delay) throws Exception {
        Process load = new ProcessBuilder("java", "-jar",
                Path.of("target/campaign-warehouse.jar").toAbsolutePath().toString(), "load",
                "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(), "--inbox",
                cli.inbox.toString(), "--key-file", cli.keyFile.toString())
                .redirectErrorStream(true).start();
        CountDownLatch reached = new CountDownLatch(1);
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(load.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.contains(marker)) {
                        reached.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the process was killed while we read its output
            }
            reached.countDown();
        });
        reader.start();
        assertThat(reached.await(120, TimeUnit.SECONDS)).isTrue();
        if (delay > 0) {
            Thread.sleep(delay);
        }
        load.destroyForcibly();
        assertThat(load.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join();
        return output.toString();
    }

    private static Map<String, String> pointersIn(String url) throws Exception {
        return IcebergReadBack.metadataLocationsInCatalogAt(url);
    }
}
