package cn.campaign.warehouse.job;

import cn.campaign.warehouse.catalog.CheckFailedException;
import cn.campaign.warehouse.catalog.WarehouseBuild;
import cn.campaign.warehouse.ingest.DeliveryProcessor;
import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.InboxFile;
import cn.campaign.warehouse.ingest.Ledger;
import cn.campaign.warehouse.text.Printable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code loadJob}: discover the new inbox files, stage each delivery, build the next warehouse state aside,
 * check it, and commit it in one rename. Until the commit step, nothing a reader sees has changed.
 */
@Configuration
@Import(BatchInfrastructureConfig.class)
public class LoadJobConfig {

    private static final Logger log = LoggerFactory.getLogger(LoadJobConfig.class);
    private static final String PARTITION = "partition";
    private static final int STAGING_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Bean
    public Job loadJob(JobRepository jobRepository, Step discoverDeliveriesStep, Step stageDeliveriesStep,
                       Step refreshStagingTablesStep, Step buildStarSchemaStep, Step buildReportViewsStep,
                       Step checkWarehouseStep, Step commitWarehouseStep) {
        return new JobBuilder("loadJob", jobRepository)
                .start(discoverDeliveriesStep)
                .next(stageDeliveriesStep)
                .next(refreshStagingTablesStep)
                .next(buildStarSchemaStep)
                .next(buildReportViewsStep)
                .next(checkWarehouseStep)
                .next(commitWarehouseStep)
                .build();
    }

    @Bean
    public Step discoverDeliveriesStep(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
                                       LoadRun run) {
        return new StepBuilder("discoverDeliveriesStep", jobRepository).tasklet((contribution, context) -> {
            new WorkFolderCleaner(run.warehouse).removeLeftovers();
            run.ledger = new Ledger(run.warehouse.committedLedger());
            InboxScanner.Scan scan = new InboxScanner(run.config.inboxSettleSeconds())
                    .scan(run.inbox, run.ledger, Clock.systemUTC().instant());
            run.discovered = scan.files();
            run.waiting = scan.waiting();
            for (String waiting : scan.waiting()) {
                run.out.println("waiting: " + Printable.line(waiting));
            }
            log.info("{} new file(s) in {}", run.discovered.size(), run.inbox.toAbsolutePath());
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).build();
    }

    /** Deliveries are staged on both cores: see {@link DeliveryPartitions} for what stays together. */
    @Bean
    public Step stageDeliveriesStep(JobRepository jobRepository, Step stageDeliveryGroupStep, LoadRun run) {
        return new StepBuilder("stageDeliveriesStep", jobRepository)
                .partitioner("stageDeliveryGroupStep", gridSize -> {
                    run.partitions = DeliveryPartitions.of(run.discovered, gridSize);
                    Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
                    for (int i = 0; i < run.partitions.size(); i++) {
                        ExecutionContext context = new ExecutionContext();
                        context.putInt(PARTITION, i);
                        partitions.put("partition" + i, context);
                    }
                    return partitions;
                })
                .step(stageDeliveryGroupStep)
                .gridSize(STAGING_THREADS)
                .taskExecutor(new SimpleAsyncTaskExecutor("stage-"))
                .build();
    }

    @Bean
    public Step stageDeliveryGroupStep(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
                                       LoadRun run) {
        return new StepBuilder("stageDeliveryGroupStep", jobRepository).<InboxFile, DeliveryRecord>chunk(1)
                .transactionManager(batchTransactionManager)
                .reader(new ItemReader<>() {
                    private final Map<Long, Iterator<InboxFile>> files = new ConcurrentHashMap<>();

                    @Override
                    public InboxFile read() {
                        StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
                        Iterator<InboxFile> own = files.computeIfAbsent(step.getId(), id ->
                                run.partitions.get(step.getExecutionContext().getInt(PARTITION)).iterator());
                        return own.hasNext() ? own.next() : null;
                    }
                })
                .processor(file -> deliveryProcessor(run).process(file))
                .writer(records -> {
                    for (DeliveryRecord record : records) {
                        run.add(record);
                        run.out.println(record.summary());
                    }
                })
                .build();
    }

    private static DeliveryProcessor deliveryProcessor(LoadRun run) {
        return new DeliveryProcessor(run.config, run.ledger, run.warehouse.scratch(), run.warehouse.staging(),
                run.pseudonymizer, Clock.systemUTC());
    }

    /**
     * Opens the next state aside (a copy of the committed one when it can be continued), records the ledger and
     * the references in it, and brings the kept staging tables up to date with the effective deliveries.
     */
    @Bean
    public Step refreshStagingTablesStep(JobRepository jobRepository,
                                         PlatformTransactionManager batchTransactionManager, LoadRun run) {
        return new StepBuilder("refreshStagingTablesStep", jobRepository).tasklet((contribution, context) -> {
            if (run.unchanged()) {
                return RepeatStatus.FINISHED;
            }
            log.info("bringing the staging tables up to date from {} accepted deliveries", run.ledger.records().stream()
                    .filter(DeliveryRecord::accepted).count());
            Files.createDirectories(run.warehouse.scratch());
            run.builtCatalog = run.warehouse.scratch().resolve("campaign-" + run.version + ".duckdb");
            Files.deleteIfExists(run.builtCatalog);
            run.build = WarehouseBuild.forLoad(run.warehouse, run.builtCatalog);
            run.build.loadReferences(run.config);
            run.build.loadLedger(run.ledger.records(), null);
            run.build.stageRecords(run.warehouse.stagedRecords());
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).build();
    }

    /** The dimensions, the facts and the load tables of sql/warehouse, each after those it reads. */
    @Bean
    public Step buildStarSchemaStep(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
                                    LoadRun run) {
        return new StepBuilder("buildStarSchemaStep", jobRepository).tasklet((contribution, context) -> {
            if (run.build != null) {
                log.info("building the star schema");
                run.build.buildStarSchema();
            }
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).build();
    }

    /** The intermediate views and the report marts, and every object's comments. */
    @Bean
    public Step buildReportViewsStep(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
                                     LoadRun run) {
        return new StepBuilder("buildReportViewsStep", jobRepository).tasklet((contribution, context) -> {
            if (run.build != null) {
                log.info("building report views");
                run.build.buildReportViews();
                run.build.document();
            }
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).build();
    }

    @Bean
    public Step checkWarehouseStep(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
                                   LoadRun run) {
        return new StepBuilder("checkWarehouseStep", jobRepository).tasklet((contribution, context) -> {
            if (run.build != null) {
                log.info("checking the new state");
                List<String> failures = run.build.runChecks();
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
                                    LoadRun run) {
        return new StepBuilder("commitWarehouseStep", jobRepository).tasklet((contribution, context) -> {
            if (run.build != null) {
                log.info("committing the new state as {}", run.version);
                Path star = run.warehouse.star().resolve(run.version);
                Files.createDirectories(star);
                run.build.exportParquet(star);
                run.build.seal(run.version);
                run.build.close();
                run.build = null;
                run.warehouse.commit(run.builtCatalog);
                run.committed = run.version;
                new WorkFolderCleaner(run.warehouse).removeLeftovers();
                log.info("committed: readers now see {}", run.version);
            }
            return RepeatStatus.FINISHED;
        }, batchTransactionManager).build();
    }
}
