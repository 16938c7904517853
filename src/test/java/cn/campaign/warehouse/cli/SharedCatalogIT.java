package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.job.LoadLauncher;
import cn.campaign.warehouse.testing.IcebergReadBack;
import cn.campaign.warehouse.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared catalog in a real PostgreSQL server: the load publishes the star's Iceberg tables and keeps its job
 * history there, Iceberg's own JDBC catalog reads the tables back from it, {@code status} in another process tells
 * the last run from it, and it keeps a second writer out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedCatalogIT {

    private PostgresServer postgres;
    private List<Path> nights;

    @TempDir
    Path temp;

    @BeforeAll
    void startPostgresAndGenerateTwoNights(@TempDir Path generated) throws Exception {
        postgres = PostgresServer.start();
        CliHarness generator = new CliHarness(generated.resolve("generator"), "");
        assertThat(generator.run("generate", "--out", generated.resolve("nights").toString(), "--scale", "0.001",
                "--from", "2022-05-09", "--days", "2", "--seed", "5")).isZero();
        try (Stream<Path> files = Files.list(generated.resolve("nights"))) {
            nights = files.sorted().toList();
        }
    }

    @AfterAll
    void stopPostgres() {
        postgres.close();
    }

    @Test
    void eachLoadMovesEveryTableOfTheSharedCatalogToTheCommittedState() throws Exception {
        // given a warehouse whose settings name a shared catalog
        String url = postgres.newDatabase("moves");
        CliHarness cli = withSharedCatalog(url);

        // when the first night loads
        deliver(cli, "_20220509_");
        assertThat(cli.load()).isIn(0, 2);
        Map<String, String> first = pointersIn(url);

        // then Iceberg's own JDBC catalog on PostgreSQL finds every table, with exactly DuckDB's rows
        assertThat(first).isEqualTo(IcebergReadBack.metadataLocations(cli.warehouse)).isNotEmpty();
        assertThat(IcebergReadBack.mismatchesThroughCatalogAt(cli.warehouse, url)).isEmpty();
        assertThat(cli.console()).contains("the shared catalog at " + url.substring(0, url.indexOf('?'))
                + " points to the committed state").doesNotContain("user=postgres");

        // when the second night loads
        deliver(cli, "_20220510_");
        assertThat(cli.load()).isIn(0, 2);

        // then the tables the night changed moved together, each remembering where it was
        Map<String, String> second = pointersIn(url);
        assertThat(second).isEqualTo(IcebergReadBack.metadataLocations(cli.warehouse)).isNotEqualTo(first);
        assertThat(IcebergReadBack.mismatchesThroughCatalogAt(cli.warehouse, url)).isEmpty();
        assertThat(previousPointersIn(url)).containsAllEntriesOf(first.entrySet().stream()
                .filter(table -> !table.getValue().equals(second.get(table.getKey())))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        // and the job history is PostgreSQL's, not the warehouse's H2 file
        assertThat(count(url, "select count(*) from batch_job_execution where status = 'COMPLETED'")).isEqualTo(2);
        assertThat(cli.warehouse.resolve("batch/job-repository.mv.db")).doesNotExist();
    }

    @Test
    void aCatalogLeftBehindIsBroughtUpToDateBeforeTheNextLoadDoesAnything() throws Exception {
        // given a loaded warehouse whose shared catalog lost its pointers (a publish that failed after the commit)
        String url = postgres.newDatabase("behind");
        CliHarness cli = withSharedCatalog(url);
        deliver(cli, "_20220509_");
        assertThat(cli.load()).isIn(0, 2);
        execute(url, "delete from iceberg_tables where table_name in ('fact_fair', 'dim_date')");

        // when a load runs with nothing new in the inbox
        assertThat(cli.load()).isZero();

        // then the shared catalog points where the committed warehouse does again
        assertThat(pointersIn(url)).isEqualTo(IcebergReadBack.metadataLocations(cli.warehouse));
        assertThat(cli.lastOutput()).contains("was behind the committed state (a run failed or was killed after its "
                + "commit): 2 tables moved to it");
    }

    @Test
    void aPublishThatFailsAfterTheCommitLeavesTheCatalogWhereItWasAndSaysSo() throws Exception {
        // given a loaded warehouse whose shared catalog will refuse the next change to its pointers halfway through
        String url = postgres.newDatabase("refuses");
        CliHarness cli = withSharedCatalog(url);
        deliver(cli, "_20220509_");
        assertThat(cli.load()).isIn(0, 2);
        Map<String, String> before = pointersIn(url);
        execute(url, """
                create function refuse() returns trigger language plpgsql as $$
                begin
                    if new.table_name = 'fact_post' then raise exception 'could not extend file: No space left'; end if;
                    return new;
                end $$;
                create trigger refuse before update on iceberg_tables for each row execute function refuse()""");

        // when the next night loads
        deliver(cli, "_20220510_");
        int status = cli.load();

        // then DuckDB's readers see the new state, the shared catalog every table of the old one, and the operator why
        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("load failed: publishing the committed state to the shared catalog "
                + "failed: the shared catalog at " + url.substring(0, url.indexOf('?')) + " could not be updated (",
                "No space left", "DuckDB's readers see the new state, Spark and Trino the previous one until the "
                        + "next load publishes it");
        assertThat(IcebergReadBack.metadataLocations(cli.warehouse)).isNotEqualTo(before);
        assertThat(pointersIn(url)).isEqualTo(before);

        // when the catalog accepts changes again and the next load runs
        execute(url, "drop trigger refuse on iceberg_tables");
        assertThat(cli.load()).isZero();

        // then the shared catalog is level with the committed state
        assertThat(pointersIn(url)).isEqualTo(IcebergReadBack.metadataLocations(cli.warehouse));
    }

    @Test
    void statusInAnotherProcessTellsTheLastRunFromTheSharedHistory() throws Exception {
        // given a night loaded with the job history in PostgreSQL
        String url = postgres.newDatabase("history");
        CliHarness cli = new CliHarness(temp, "inbox.settle.seconds=0\n");
        deliver(cli, "_20220509_");
        assertThat(run(Map.of("CAMPAIGN_SHARED_CATALOG_URL", url), "load", "--warehouse", cli.warehouse.toString(),
                "--jobs", cli.jobs.toString(), "--inbox", cli.inbox.toString(), "--key-file",
                cli.keyFile.toString()).status()).isIn(0, 2);

        // when status runs in another process, as on a standby machine, with the same setting
        JarProcess.Run status = run(Map.of("CAMPAIGN_SHARED_CATALOG_URL", url), "status", "--warehouse",
                cli.warehouse.toString(), "--jobs", cli.jobs.toString(), "--date", "2022-05-09");
        JarProcess.Run statusWithoutSharedHistory = run(Map.of(), "status", "--warehouse", cli.warehouse.toString(), "--jobs",
                cli.jobs.toString(), "--date", "2022-05-09");

        // then it names the run PostgreSQL recorded; without the setting, the warehouse's own history has none
        assertThat(status.status()).isZero();
        assertThat(status.stdout()).containsPattern("Last load run: #1, started \\S+ \\S+, completed, ended ");
        assertThat(statusWithoutSharedHistory.stdout()).contains("Last load run: none yet");
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstHoldsTheSharedCatalog() throws Exception {
        // given another machine's load holds the writer's lock of the shared catalog
        String url = postgres.newDatabase("writers");
        CliHarness cli = withSharedCatalog(url);
        deliver(cli, "_20220509_");
        try (Connection otherWriter = DriverManager.getConnection(url);
             Statement statement = otherWriter.createStatement()) {
            statement.execute("select pg_advisory_lock(" + 0x63616d706169676eL + ")");

            // when this machine's load starts
            int status = cli.load();

            // then it does nothing and says why
            assertThat(status).isEqualTo(1);
            assertThat(cli.lastOutput()).contains("another load is running against the shared catalog at "
                    + url.substring(0, url.indexOf('?')));
            assertThat(cli.warehouse.resolve("campaign.duckdb")).doesNotExist();
        }

        // and once the other load ended, it loads
        assertThat(cli.load()).isIn(0, 2);
    }

    @Test
    void aScheduledLoadWaitsForTheOtherMachinesLoadThenLoads() throws Exception {
        // given another machine's load holds the writer's lock of the shared catalog
        String url = postgres.newDatabase("standby");
        CliHarness cli = withSharedCatalog(url);
        deliver(cli, "_20220509_");
        java.util.concurrent.CompletableFuture<LoadLauncher.Result> scheduled;
        try (Connection otherWriter = DriverManager.getConnection(url);
             Statement statement = otherWriter.createStatement()) {
            statement.execute("select pg_advisory_lock(" + 0x63616d706169676eL + ")");

            // when this machine's scheduled run starts
            scheduled = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new LoadLauncher(true).load(cli.warehouse, cn.campaign.warehouse.config.OperatorConfig
                            .load(cli.jobs), cli.inbox, PseudonymKey.read(cli.keyFile), System.out);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });

            // then it waits while the other load runs
            Thread.sleep(3000);
            assertThat(scheduled).isNotDone();
            assertThat(cli.warehouse.resolve("campaign.duckdb")).doesNotExist();
        }

        // and loads once the other load has ended
        assertThat(scheduled.get(120, java.util.concurrent.TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(pointersIn(url)).isEqualTo(IcebergReadBack.metadataLocations(cli.warehouse)).isNotEmpty();
    }

    @Test
    void anUnreachableSharedCatalogStopsTheLoadWithASentence() throws Exception {
        // given settings naming a PostgreSQL server that is not running
        CliHarness cli = new CliHarness(temp, "inbox.settle.seconds=0\n"
                + "shared.catalog.url=jdbc:postgresql://localhost:1/campaign?user=nightly&password=secret\n");
        deliver(cli, "_20220509_");

        // when
        int status = cli.load();

        // then
        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("the shared catalog at jdbc:postgresql://localhost:1/campaign cannot be "
                + "reached (").contains("check shared.catalog.url").doesNotContain("secret");
        assertThat(cli.warehouse.resolve("campaign.duckdb")).doesNotExist();
    }

    /** An operator's folders whose settings name the shared catalog at {@code url}. */
    private CliHarness withSharedCatalog(String url) throws Exception {
        return new CliHarness(temp, "inbox.settle.seconds=0\nshared.catalog.url=" + url + "\n");
    }

    private void deliver(CliHarness cli, String night) throws Exception {
        for (Path archive : nights.stream().filter(file -> file.getFileName().toString().contains(night)).toList()) {
            Files.copy(archive, cli.inbox.resolve(archive.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Map<String, String> pointersIn(String url) throws Exception {
        return IcebergReadBack.metadataLocationsInCatalogAt(url);
    }

    private static Map<String, String> previousPointersIn(String url) throws Exception {
        return pointers(url, "previous_metadata_location");
    }

    private static Map<String, String> pointers(String url, String column) throws Exception {
        Map<String, String> pointers = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select table_name, " + column + " from iceberg_tables "
                     + "where catalog_name = 'campaign' and table_namespace = 'star' order by table_name")) {
            while (rows.next()) {
                pointers.put(rows.getString(1), rows.getString(2));
            }
        }
        return pointers;
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private JarProcess.Run run(Map<String, String> environment, String... args) throws Exception {
        return JarProcess.run(temp, environment, args);
    }
}
