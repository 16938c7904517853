package cn.campaign.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.files.Folders;
import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.model.Pseudonymizer;
import cn.campaign.warehouse.testing.DeliveryFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** {@code loadJob} with its real H2 job repository, DuckDB and Parquet, driven through {@link LoadLauncher}. */
class LoadJobIT {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;
    Path inbox;
    Path warehouse;
    OperatorConfig config;

    @BeforeEach
    void inboxAndConfiguration() throws Exception {
        inbox = Files.createDirectories(temp.resolve("inbox"));
        warehouse = temp.resolve("warehouse");
        config = OperatorConfig.load(Path.of("jobs"));
        new DeliveryFixture("PROV-41", "2022-05-09", 1, StandardCharsets.UTF_8).file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR)
                .writeZip(inbox, "PROV-41_20220509_1.zip");
    }

    @Test
    void recordsEveryStepOfAnUninterruptedRunInTheJobRepositoryKeptWithTheWarehouse() throws Exception {
        // when
        LoadLauncher.Result result = load();

        // then
        assertThat(result.succeeded()).isTrue();
        assertThat(batch().queryForList("select s.step_name || ':' || s.status || ':' || s.read_count "
                + "from batch_step_execution s where step_name <> 'copyCommittedStateStep' "
                + "order by s.step_execution_id", String.class)).containsExactly(
                "discoverDeliveriesStep:COMPLETED:0", "stageDeliveriesStep:COMPLETED:1",
                "stageDeliveryGroupStep:partition0:COMPLETED:1", "refreshStagingTablesStep:COMPLETED:0",
                "buildStarSchemaStep:COMPLETED:0", "buildReportViewsStep:COMPLETED:0",
                "checkWarehouseStep:COMPLETED:0",
                "commitWarehouseStep:COMPLETED:0", "publishSharedCatalogStep:COMPLETED:0");
        // beside the staging, with nothing to copy before the first commit
        assertThat(batch().queryForList("select status from batch_step_execution "
                + "where step_name = 'copyCommittedStateStep'", String.class)).containsExactly("COMPLETED");
        assertThat(batch().queryForList("select status from batch_job_execution", String.class))
                .containsExactly("COMPLETED");
    }

    @Test
    void copiesTheCommittedStateBesideTheStagingAndContinuesFromTheCopy() throws Exception {
        // given a committed state, and a delivery of the next night
        load();
        deliverNextNightsFair();

        // when
        LoadLauncher.Result result = load();

        // then the copy made beside the staging is the state the run built and committed, and nothing is left over
        assertThat(result.succeeded()).isTrue();
        ExecutionContext job = lastJobContext();
        assertThat(job.getString(LoadContext.COPIED_CATALOG)).isEqualTo(job.getString(LoadContext.NEXT_CATALOG));
        assertThat(fairs()).isEqualTo(2);
        assertThat(new WarehouseFolder(warehouse).scratch()).doesNotExist();
    }

    @Test
    void searchesTheStarForFilesNoSnapshotReachesOnlyAfterARunThatWroteThereWithoutCommitting() throws Exception {
        // given a committed load, and a file under star/ that no Iceberg snapshot reaches
        load();
        WarehouseFolder folder = new WarehouseFolder(warehouse);
        Path stray = Files.writeString(folder.star().resolve("fact_fair/data/stray.parquet"), "stray");

        // when the next load runs after that clean commit
        load();

        // then star/ is not searched
        assertThat(stray).exists();

        // when a load ends after it began writing under star/ and before its commit finished (a kill leaves that)
        folder.committedStarMark().remove();
        load();

        // then the next load removes what no snapshot reaches, and marks the folder again only at its next commit
        assertThat(stray).doesNotExist();
        assertThat(folder.committedStarMark().present()).isFalse();
        deliverNextNightsFair();
        load();
        assertThat(folder.committedStarMark().present()).isTrue();
    }

    /** PROV-41's next night: a second fair, on 2022-05-10. */
    private void deliverNextNightsFair() throws Exception {
        new DeliveryFixture("PROV-41", "2022-05-10", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR.replace("F1", "F2").replace("05-09", "05-10"))
                .writeZip(inbox, "PROV-41_20220510_1.zip");
    }

    private ExecutionContext lastJobContext() {
        try (AnnotationConfigApplicationContext context = context()) {
            JobRepository repository = context.getBean(JobRepository.class);
            return repository.getLastJobExecution(repository.getLastJobInstance("loadJob")).getExecutionContext();
        }
    }

    @Test
    void handsOnWhatEachStepFoundThroughTheExecutionContextsAndNeverTheKey() throws Exception {
        // when
        LoadLauncher.Result result = load();

        // then the job's context, as the repository keeps it, holds what the steps found and committed
        assertThat(result.succeeded()).isTrue();
        try (AnnotationConfigApplicationContext context = context()) {
            JobRepository repository = context.getBean(JobRepository.class);
            JobInstance instance = repository.getLastJobInstance("loadJob");
            JobExecution execution = repository.getLastJobExecution(instance);
            ExecutionContext job = execution.getExecutionContext();
            assertThat(LoadContext.discovered(job)).extracting("name").containsExactly("PROV-41_20220509_1.zip");
            assertThat(LoadContext.stagedInOrder(job)).extracting("fileName")
                    .containsExactly("PROV-41_20220509_1.zip");
            assertThat(job.getString(LoadContext.COMMITTED)).isEqualTo(result.committedVersion());
            assertThat(job.getString(LoadContext.NEXT_CATALOG)).endsWith(".duckdb");
            StepExecution partition = execution.getStepExecutions().stream()
                    .filter(step -> step.getStepName().startsWith("stageDeliveryGroupStep:")).findFirst().orElseThrow();
            assertThat(LoadContext.partitionFiles(LoadContext.discovered(job),
                    (int[]) partition.getExecutionContext().get(LoadContext.FILE_POSITIONS)))
                    .isEqualTo(LoadContext.discovered(job));
            assertThat(LoadContext.staged(partition.getExecutionContext())).extracting("fileName")
                    .containsExactly("PROV-41_20220509_1.zip");
        }
        // and the pseudonymisation key is in no context, job parameter or other value of the repository
        String everything = String.join("\n", batch().queryForList("select short_context || coalesce("
                + "cast(serialized_context as varchar), '') from batch_job_execution_context union all select "
                + "short_context || coalesce(cast(serialized_context as varchar), '') from batch_step_execution_context "
                + "union all select parameter_value from batch_job_execution_params", String.class));
        assertThat(everything).isNotEmpty().doesNotContain(new String(KEY, StandardCharsets.UTF_8));
    }

    @Test
    void stagesDeliveriesOfDifferentSourcesSideBySideAndGivesTheSameWarehouse() throws Exception {
        // given deliveries of two sources, one of them a correction and a copy of earlier content
        new DeliveryFixture("PROV-11", "2022-05-09", 1, StandardCharsets.UTF_8).file("fairs.csv", "fair",
                DeliveryFixture.ONE_FAIR.replace("4101", "1101")).writeZip(inbox, "PROV-11_20220509_1.zip");
        new DeliveryFixture("PROV-41", "2022-05-09", 2, StandardCharsets.UTF_8).file("fairs.csv", "fair",
                DeliveryFixture.ONE_FAIR.replace("10,100,50", "20,200,90")).writeZip(inbox, "PROV-41_20220509_2.zip");

        // when
        LoadLauncher.Result result = load();

        // then each source was staged in one partition, the outcomes are listed in the contract's order
        assertThat(batch().queryForList("select step_name || ':' || read_count from batch_step_execution "
                + "where step_name like 'stageDeliveryGroupStep%' order by step_name", String.class))
                .containsExactlyInAnyOrder("stageDeliveryGroupStep:partition0:2", "stageDeliveryGroupStep:partition1:1");
        assertThat(result.files()).extracting(file -> file.fileName() + ":" + file.status()).containsExactly(
                "PROV-11_20220509_1.zip:LOADED", "PROV-41_20220509_1.zip:LOADED", "PROV-41_20220509_2.zip:LOADED");
        assertThat(scalar("select string_agg(status, ',' order by file_name) from load_deliveries"))
                .isEqualTo("loaded,replaced,loaded");
        assertThat(scalar("select sum(employers) from fact_fair")).isEqualTo("30");
    }

    @Test
    void aFailedCommitLeavesThePreviousStateVisibleAndTheNextRunFinishesTheWork() throws Exception {
        // given a first load, then a second delivery whose commit cannot write the star folder
        load();
        deliverNextNightsFair();
        Path star = new WarehouseFolder(warehouse).star();
        Folders.deleteTree(star);
        Files.writeString(star, "in the way");

        // when
        LoadLauncher.Result failed = load();

        // then the failure is a sentence naming the stage, and readers still see one fair
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.failure()).startsWith("committing the new warehouse state failed: ")
                .endsWith("check free disk space and permissions on the warehouse folder");
        assertThat(fairs()).isEqualTo(1);
        assertThat(batch().queryForList("select status from batch_job_execution order by job_execution_id",
                String.class)).containsExactly("COMPLETED", "FAILED");

        // when the cause is removed and load runs again
        Files.delete(star);
        LoadLauncher.Result retried = load();

        // then the work of the failed run is done
        assertThat(retried.succeeded()).isTrue();
        assertThat(retried.files()).extracting(file -> file.fileName()).containsExactly("PROV-41_20220510_1.zip");
        assertThat(fairs()).isEqualTo(2);
    }

    @Test
    void closesARunThatAKilledProcessLeftStartedBeforeStartingTheNext() throws Exception {
        // given an execution left STARTED in the repository, as a killed process leaves it
        Files.createDirectories(new WarehouseFolder(warehouse).batch());
        try (AnnotationConfigApplicationContext context = context()) {
            JobRepository repository = context.getBean(JobRepository.class);
            JobParameters parameters = new JobParametersBuilder().addString("run", "killed").toJobParameters();
            JobInstance instance = repository.createJobInstance("loadJob", parameters);
            JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
            execution.setStatus(BatchStatus.STARTED);
            execution.setStartTime(LocalDateTime.now().minusHours(1));
            repository.update(execution);
            StepExecution step = repository.createStepExecution("stageDeliveriesStep", execution);
            step.setStatus(BatchStatus.STARTED);
            repository.update(step);
        }

        // when
        LoadLauncher.Result result = load();

        // then
        assertThat(result.succeeded()).isTrue();
        assertThat(batch().queryForList("select status from batch_job_execution order by job_execution_id",
                String.class)).doesNotContain("STARTED").endsWith("COMPLETED").hasSize(2);
        assertThat(fairs()).isEqualTo(1);
    }

    private LoadLauncher.Result load() throws Exception {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new LoadLauncher().load(warehouse, config, inbox, KEY, out);
    }

    private AnnotationConfigApplicationContext context() {
        LoadSettings settings = new LoadSettings(new WarehouseFolder(warehouse), config, inbox,
                new Pseudonymizer(KEY), System.out);
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(LoadSettings.class, () -> settings);
        context.register(LoadJobConfig.class);
        context.refresh();
        return context;
    }

    private JdbcTemplate batch() {
        return new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:"
                + new WarehouseFolder(warehouse).batch().resolve("job-repository"), "sa", ""));
    }

    private long fairs() throws Exception {
        return Long.parseLong(scalar("select count(*) from fact_fair"));
    }

    private String scalar(String sql) throws Exception {
        try (Connection connection = Duck.openReadOnly(warehouse.resolve("campaign.duckdb"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
