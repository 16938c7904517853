package cn.campaign.warehouse.job;

import cn.campaign.warehouse.catalog.CheckFailedException;
import cn.campaign.warehouse.catalog.LoaderTable;
import cn.campaign.warehouse.catalog.StandbyCatalog;
import cn.campaign.warehouse.catalog.WarehouseBuild;
import cn.campaign.warehouse.shared.SharedCatalog;
import cn.campaign.warehouse.shared.SharedCatalogUnavailableException;
import cn.campaign.warehouse.ingest.DeliveryProcessor;
import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.InboxFile;
import cn.campaign.warehouse.ingest.Ledger;
import cn.campaign.warehouse.text.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code loadJob}: discover the new inbox files, stage each delivery, build the next warehouse state aside,
 * check it, and commit it in one rename. Until the commit step, nothing a reader sees has changed. The steps hand
 * on what they found through the job's and the partitions' execution contexts ({@link LoadContext}); the run's
 * ledger and the state being built are job-scoped beans.
 */
@Configuration
@Import(BatchInfrastructureConfig.class)
public class LoadJobConfig {

    private static final Logger log = LoggerFactory.getLogger(LoadJobConfig.class);
    private static final int STAGING_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Bean
    public Job loadJob(JobRepository jobRepository, Step discoverDeliveriesStep, Step stageDeliveriesStep,
                       Step copyCommittedStateStep, Step refreshStagingTablesStep, Step buildStarSchemaStep,
                       Step buildReportViewsStep, Step checkWarehouseStep, Step commitWarehouseStep,
                       Step publishSharedCatalogStep) {
        // the committed catalog is copied while the deliveries are staged: staging reads the inbox and writes
        // staging/, the copy reads the catalog, which no one else may change while this run holds the writer's lock
        Flow staging = new FlowBuilder<Flow>("stagingFlow").start(stageDeliveriesStep).build();
        Flow copying = new FlowBuilder<Flow>("copyingFlow").start(copyCommittedStateStep).build();
        Flow stagingBesideCopying = new FlowBuilder<Flow>("stagingBesideCopyingFlow")
                .split(new SimpleAsyncTaskExecutor("load-")).add(staging, copying).build();
        return new JobBuilder("loadJob", jobRepository)
                .flow(discoverDeliveriesStep)
                .next(stagingBesideCopying)
                .next(refreshStagingTablesStep)
                .next(buildStarSchemaStep)
                .next(buildReportViewsStep)
                .next(checkWarehouseStep)
                .next(commitWarehouseStep)
                .next(publishSharedCatalogStep)
                .end()
                .build();
    }

    /**
     * Every inbox file the warehouse has seen, and the files of this run as they are staged: the skip rules read
     * it, so a file's outcome can depend on an earlier file of the same run. Read from the committed ledger when
     * first used, which is after the discovery step removed an interrupted run's leftovers.
     */
    @Bean
    @JobScope
    public Ledger runLedger(LoadSettings settings) throws SQLException {
        return new Ledger(settings.warehouse().committedLedger());
    }

    /** How far staging has got, on the terminal or in the log; the staging step and its partitions share it. */
    @Bean
    @JobScope
    public StagingProgress stagingProgress() {
        return StagingProgress.forThisProcess();
    }

    @Bean
    @JobScope
    public NextWarehouseState nextWarehouseState(LoadSettings settings) {
        return new NextWarehouseState(settings.warehouse());
    }

    @Bean
    public Step discoverDeliveriesStep(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
                                       LoadSettings settings, Ledger runLedger) {
        return new StepBuilder("discoverDeliveriesStep", jobRepository).tasklet((contribution, context) -> {
            new WorkFolderCleaner(settings.warehouse()).removeLeftovers();
            long started = System.nanoTime();
            InboxScanner.Scan scan = new InboxScanner(settings.config().inboxSettleSeconds(),
                    OptimisingCompiler.forThisProcess()::newFilesFound)
                    .scan(settings.inbox(), runLedger, Clock.systemUTC().instant());
            log.debug("inbox scanned in {} ms", (System.nanoTime() - started) / 1_000_000);
            for (InboxScanner.Waiting waiting : scan.waiting()) {
                settings.out().println("waiting: " + Printable.line(waiting.toString()));
                Outcomes.waiting(waiting.file(), waiting.reason());
            }
            ExecutionContext job = jobContext(context);
            job.put(LoadContext.DISCOVERED, new ArrayList<>(scan.files()));
            job.putInt(LoadContext.WAITING, scan.waiting().size());
            log.info("{} new file(s) in {}", scan.files().size(), settings.inbox().toAbsolutePath());
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).build();
    }

    /** Deliveries are staged on both cores: see {@link DeliveryPartitions} for what stays together. */
    @Bean
    public Step stageDeliveriesStep(JobRepository jobRepository, Step stageDeliveryGroupStep,
                                    Partitioner deliveryPartitioner, StagingProgress stagingProgress) {
        ExecutionContextPromotionListener promotion = new ExecutionContextPromotionListener();
        promotion.setKeys(new String[] {LoadContext.STAGED});
        // a failed run still reports what became of the files it staged
        promotion.setStatuses(new String[] {"*"});
        return new StepBuilder("stageDeliveriesStep", jobRepository)
                .partitioner("stageDeliveryGroupStep", deliveryPartitioner)
                .step(stageDeliveryGroupStep)
                .gridSize(STAGING_THREADS)
                .taskExecutor(new SimpleAsyncTaskExecutor("stage-"))
                .aggregator(new StagedDeliveriesAggregator())
                .listener(new JobScopeOnWorkerThreads())
                .listener(promotion)
                .listener(stagingProgress)
                .build();
    }

    /** Each partition's share of the discovered files, as their positions, in its execution context. */
    @Bean
    @StepScope
    public Partitioner deliveryPartitioner(@Value("#{jobExecutionContext['discovered']}") List<InboxFile> discovered) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            List<int[]> groups = DeliveryPartitions.of(discovered, gridSize);
            for (int i = 0; i < groups.size(); i++) {
                ExecutionContext partition = new ExecutionContext();
                partition.put(LoadContext.FILE_POSITIONS, groups.get(i));
                partitions.put("partition" + i, partition);
            }
            return partitions;
        };
    }

    @Bean
    public Step stageDeliveryGroupStep(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
                                       ListItemReader<InboxFile> partitionFiles,
                                       DeliveryStager deliveryStager, StagedDeliveries stagedDeliveries) {
        return new StepBuilder("stageDeliveryGroupStep", jobRepository).<InboxFile, DeliveryRecord>chunk(1)
                .transactionManager(batchTransactionManager)
                .reader(partitionFiles)
                .processor(deliveryStager)
                .writer(stagedDeliveries)
                .listener(stagedDeliveries)
                .listener(new JobScopeOnWorkerThreads())
                .build();
    }

    @Bean
    @StepScope
    public ListItemReader<InboxFile> partitionFiles(
            @Value("#{jobExecutionContext['discovered']}") List<InboxFile> discovered,
            @Value("#{stepExecutionContext['filePositions']}") int[] positions) {
        return new ListItemReader<>(LoadContext.partitionFiles(discovered, positions));
    }

    /** Stages one delivery and records its outcome in the run's ledger, where the partition's later files see it. */
    @Bean
    @StepScope
    public DeliveryStager deliveryStager(LoadSettings settings, Ledger runLedger) {
        return new DeliveryStager(new DeliveryProcessor(settings.config(), runLedger, settings.warehouse().scratch(),
                settings.warehouse().staging(), settings.pseudonymizer(), Clock.systemUTC(),
                LoaderTable.REJECTS.table()));
    }

    @Bean
    @StepScope
    public StagedDeliveries stagedDeliveries(LoadSettings settings, StagingProgress stagingProgress) {
        return new StagedDeliveries(settings.out(), stagingProgress);
    }

    /**
     * Puts the committed state where the next one is built, when there are new files and a load can continue it
     * ({@link WarehouseBuild#continuable}; else the next state starts empty): the standby brought up to date with the
     * last load's changes, or a copy of the committed catalog. Runs beside the staging: on a national warehouse the
     * copy is gigabytes, seconds the night would otherwise wait for. The standby's connection stays open for the
     * build, with the blocks it read.
     */
    @Bean
    public Step copyCommittedStateStep(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
                                       LoadSettings settings, NextWarehouseState nextWarehouseState) {
        return new StepBuilder("copyCommittedStateStep", jobRepository).tasklet((contribution, context) -> {
            ExecutionContext job = jobContext(context);
            if (!LoadContext.discovered(job).isEmpty() && WarehouseBuild.continuable(settings.warehouse())) {
                long started = System.nanoTime();
                Path catalog = nextCatalog(settings, context);
                Optional<Connection> caughtUp = new StandbyCatalog(settings.warehouse()).catchUp(catalog);
                if (caughtUp.isPresent()) {
                    nextWarehouseState.keepOpen(catalog, caughtUp.get());
                } else {
                    WarehouseBuild.copyCommitted(settings.warehouse(), catalog);
                    log.debug("committed state copied aside in {} ms", (System.nanoTime() - started) / 1_000_000);
                }
                job.putString(LoadContext.COPIED_CATALOG, catalog.toString());
            }
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).listener(new JobScopeOnWorkerThreads()).build();
    }

    /**
     * Opens the next state aside (the committed one's copy when it can be continued), records the ledger and
     * the references in it, and brings the kept staging tables up to date with the effective deliveries. When
     * nothing new arrived and this release built the committed state, the run has nothing to build; after an upgrade
     * that changed the statements, it rebuilds the tables they build even with nothing new, so analysts see them.
     */
    @Bean
    public Step refreshStagingTablesStep(JobRepository jobRepository,
                                         PlatformTransactionManager batchTransactionManager, LoadSettings settings,
                                         Ledger runLedger, NextWarehouseState nextWarehouseState) {
        return new StepBuilder("refreshStagingTablesStep", jobRepository).tasklet((contribution, context) -> {
            ExecutionContext job = jobContext(context);
            if (LoadContext.staged(job).isEmpty() && WarehouseBuild.builtByThisRelease(settings.warehouse())) {
                return RepeatStatus.FINISHED;
            }
            log.info("bringing the staging tables up to date from {} accepted deliveries", runLedger.records()
                    .stream().filter(DeliveryRecord::accepted).count());
            Path catalog = nextCatalog(settings, context);
            job.putString(LoadContext.NEXT_CATALOG, catalog.toString());
            WarehouseBuild build = nextWarehouseState.open(catalog, job.containsKey(LoadContext.COPIED_CATALOG));
            build.loadReferences(settings.config());
            build.loadLedger(runLedger.records(), null);
            build.stageRecords(settings.warehouse().stagedRecords(), settings.config());
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).build();
    }

    /** The dimensions, the facts and the load tables of sql/warehouse, each after those it reads. */
    @Bean
    public Step buildStarSchemaStep(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
                                    NextWarehouseState nextWarehouseState) {
        return new StepBuilder("buildStarSchemaStep", jobRepository).tasklet((contribution, context) -> {
            if (building(context)) {
                log.info("building the star schema");
                nextWarehouseState.build().buildStarSchema();
            }
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).build();
    }

    /**
     * The intermediate views and the report marts, and every object's comments; beside them, the star's Iceberg
     * tables of a load that continued the committed state.
     */
    @Bean
    public Step buildReportViewsStep(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
                                     LoadSettings settings, NextWarehouseState nextWarehouseState) {
        return new StepBuilder("buildReportViewsStep", jobRepository).tasklet((contribution, context) -> {
            if (building(context)) {
                WarehouseBuild build = nextWarehouseState.build();
                build.beginStarCommit(settings.warehouse(), settings.config());
                log.info("building report views");
                build.buildReportViews();
                // the comments wait for the star's writes: no table's definition changes under them
                build.finishStarCommit();
                build.document();
            }
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).build();
    }

    @Bean
    public Step checkWarehouseStep(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
                                   NextWarehouseState nextWarehouseState) {
        return new StepBuilder("checkWarehouseStep", jobRepository).tasklet((contribution, context) -> {
            if (building(context)) {
                log.info("checking the new state");
                List<String> failures = nextWarehouseState.build().runChecks();
                if (!failures.isEmpty()) {
                    throw new CheckFailedException("the new warehouse state failed its data checks and was not "
                            + "committed; the previous state stays visible. " + String.join(" | ", failures));
                }
            }
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).build();
    }

    @Bean
    public Step commitWarehouseStep(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
                                    LoadSettings settings, NextWarehouseState nextWarehouseState) {
        return new StepBuilder("commitWarehouseStep", jobRepository).tasklet((contribution, context) -> {
            if (building(context)) {
                String version = version(context);
                log.info("committing the new state as {}", version);
                WarehouseBuild build = nextWarehouseState.build();
                build.commitStar(settings.warehouse(), settings.config());
                build.recordChanges(settings.warehouse(), version);
                build.seal(version);
                nextWarehouseState.closeForCommit();
                settings.warehouse().commit(Path.of(jobContext(context).getString(LoadContext.NEXT_CATALOG)));
                jobContext(context).putString(LoadContext.COMMITTED, version);
                new WorkFolderCleaner(settings.warehouse()).removeSuperseded();
                settings.warehouse().committedStarMark().write();
                log.info("committed: readers now see {}", version);
            }
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).build();
    }

    /**
     * Points the shared catalog, when there is one, at the state just committed, so that Spark and Trino read it. A
     * failure fails the run (the operator must know that those engines lag) but undoes nothing: DuckDB's readers
     * already see the new state, and the next load publishes it before anything else.
     */
    @Bean
    public Step publishSharedCatalogStep(JobRepository jobRepository,
                                        PlatformTransactionManager batchTransactionManager, LoadSettings settings) {
        return new StepBuilder("publishSharedCatalogStep", jobRepository).tasklet((contribution, context) -> {
            if (building(context) && settings.sharedCatalog().isPresent()) {
                SharedCatalog shared = settings.sharedCatalog().get();
                log.info("publishing the committed state to the shared catalog at {}", shared.address());
                try {
                    int moved = shared.publish(settings.warehouse());
                    log.info("the shared catalog at {} points to the committed state ({} tables moved)",
                            shared.address(), moved);
                } catch (SharedCatalogUnavailableException e) {
                    throw new IllegalStateException(e.getMessage() + "; DuckDB's readers see the new state, Spark and "
                            + "Trino the previous one until the next load publishes it");
                }
            }
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).build();
    }

    private static ExecutionContext jobContext(ChunkContext context) {
        return context.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
    }

    private static boolean building(ChunkContext context) {
        return jobContext(context).containsKey(LoadContext.NEXT_CATALOG);
    }

    /** Where the run builds the next state: a file of the scratch folder named for the run. */
    private static Path nextCatalog(LoadSettings settings, ChunkContext context) throws IOException {
        Files.createDirectories(settings.warehouse().scratch());
        return settings.warehouse().scratch().resolve("campaign-" + version(context) + ".duckdb");
    }

    /** The run's version, the job parameter that names the run. */
    private static String version(ChunkContext context) {
        return context.getStepContext().getStepExecution().getJobParameters().getString(LoadLauncher.RUN);
    }
}
