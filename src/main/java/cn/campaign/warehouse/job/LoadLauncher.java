package cn.campaign.warehouse.job;

import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.catalog.WarmUp;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.DeliveryStatus;
import cn.campaign.warehouse.model.Pseudonymizer;
import cn.campaign.warehouse.shared.SharedCatalog;
import cn.campaign.warehouse.shared.SharedCatalogUnavailableException;
import cn.campaign.warehouse.shared.WriterLock;
import cn.campaign.warehouse.catalog.CheckFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** Runs {@code loadJob} once on a warehouse, as the only writer. */
public final class LoadLauncher {

    /** The job parameter that names a run: the version its state is committed as. */
    static final String RUN = "run";

    private static final Logger log = LoggerFactory.getLogger(LoadLauncher.class);

    private final boolean waitForOtherWriter;

    /** A launcher whose load is refused while another process loads into the same shared catalog. */
    public LoadLauncher() {
        this(false);
    }

    /**
     * A launcher whose load, while another machine loads into the same shared catalog, waits for that load to end
     * and then loads what is left: scheduled runs on a primary and its standby load each night once, without error.
     */
    public LoadLauncher(boolean waitForOtherWriter) {
        this.waitForOtherWriter = waitForOtherWriter;
    }

    /** What a load run did. */
    public record Result(boolean succeeded, List<DeliveryRecord> files, String failure, int waiting,
                         String committedVersion) {

        public boolean quarantinedAny() {
            return files.stream().anyMatch(file -> file.status() == DeliveryStatus.QUARANTINED);
        }
    }

    public Result load(Path warehouseRoot, OperatorConfig config, Path inbox, byte[] key, PrintStream out)
            throws Exception {
        WarehouseFolder warehouse = new WarehouseFolder(warehouseRoot);
        try (WarehouseLock lock = WarehouseLock.acquire(warehouse.root())) {
            String version = LocalDateTime.now().format(DateTimeFormatter.ofPattern("'v'yyyyMMdd'T'HHmmssSSS"));
            Pseudonymizer pseudonymizer = new Pseudonymizer(key);
            try {
                KeyFingerprint.checkOrRecord(warehouse, pseudonymizer);
            } catch (KeyFingerprint.KeyMismatchException e) {
                return new Result(false, List.of(), e.getMessage(), 0, null);
            }
            LoadSettings settings = new LoadSettings(warehouse, config, inbox, pseudonymizer, out);
            Optional<SharedCatalog> shared = settings.sharedCatalog();
            try (WriterLock writer = shared.isPresent() ? shared.get().lockForWriting(waitForOtherWriter) : null) {
                if (shared.isPresent()) {
                    catchUp(shared.get(), warehouse);
                }
                return run(settings, version);
            } catch (SharedCatalogUnavailableException e) {
                return new Result(false, List.of(), e.getMessage(), 0, null);
            }
        }
    }

    /** A run killed or failed after its commit left the shared catalog a state behind: it moves before any work. */
    private static void catchUp(SharedCatalog catalog, WarehouseFolder warehouse)
            throws SharedCatalogUnavailableException {
        try {
            int moved = catalog.publish(warehouse);
            if (moved > 0) {
                log.warn("the shared catalog at {} was behind the committed state (a run failed or was killed after "
                        + "its commit): {} tables moved to it", catalog.address(), moved);
            }
        } catch (SQLException e) {
            throw new SharedCatalogUnavailableException("the shared catalog at " + catalog.address() + " could not be "
                    + "brought up to the committed state (" + e.getMessage().lines().findFirst().orElse("")
                    + "); nothing was loaded", e);
        }
    }

    private Result run(LoadSettings settings, String version) throws Exception {
        WarmUp.start();
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(LoadSettings.class, () -> settings);
            context.register(LoadJobConfig.class);
            context.refresh();
            recoverAbandonedRuns(context.getBean(JobRepository.class), context.getBean(JobOperator.class));
            JobExecution execution = context.getBean(JobOperator.class).start(context.getBean("loadJob", Job.class),
                    new JobParametersBuilder().addString(RUN, version).toJobParameters());
            ExecutionContext found = execution.getExecutionContext();
            List<DeliveryRecord> staged = LoadContext.stagedInOrder(found);
            int waiting = found.getInt(LoadContext.WAITING, 0);
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                return new Result(true, staged, null, waiting, found.getString(LoadContext.COMMITTED, null));
            }
            return new Result(false, staged, describe(execution), waiting, null);
        }
    }

    /** A run killed with the process stays STARTED in the repository; holding the lock, we know it is dead. */
    private static void recoverAbandonedRuns(JobRepository repository, JobOperator operator) {
        for (JobExecution abandoned : repository.findRunningJobExecutions("loadJob")) {
            log.warn("closing load run {} (started {}) that ended without finishing; its work is redone now",
                    abandoned.getId(), abandoned.getStartTime());
            operator.recover(abandoned);
        }
    }

    /** Names the stage that failed and the cause as a sentence, not as a library's exception. */
    static String describe(JobExecution execution) {
        List<StepExecution> failedSteps = execution.getStepExecutions().stream()
                .filter(step -> step.getStatus() == BatchStatus.FAILED).toList();
        String stage = failedSteps.stream().map(step -> STAGES.get(step.getStepName().split(":")[0]))
                .filter(Objects::nonNull).findFirst().orElse(null);
        // a partition manager only says that a worker failed: the worker's own failure is the cause to show
        Throwable failure = failedSteps.stream().sorted(Comparator.comparing(step -> !isPartitionWorker(step)))
                .flatMap(step -> step.getFailureExceptions().stream()).findFirst()
                .or(() -> execution.getFailureExceptions().stream().findFirst()).orElse(null);
        if (failure == null) {
            return (stage == null ? "the load" : stage) + " stopped with status " + execution.getStatus();
        }
        // the caller already says "load failed: "; a stage is named only when the job history knows it
        return (stage == null ? "" : stage + " failed: ") + cause(failure);
    }

    private static boolean isPartitionWorker(StepExecution step) {
        return step.getStepName().contains(":");
    }

    private static String cause(Throwable failure) {
        // the outermost SQL failure names what the build was doing (a model's file, a check); else the root cause
        Throwable root = failure;
        while (root.getCause() != null && !(root instanceof CheckFailedException) && !(root instanceof SQLException)) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof SQLException) {
            String first = message.lines().findFirst().orElse(message);
            boolean disk = first.contains("IO Error") || first.contains("No space left");
            return reporter((SQLException) root) + " reported: " + first
                    + (disk ? "; check free disk space and permissions on the warehouse folder" : "");
        }
        if (failure instanceof UncheckedIOException) {
            return failure.getMessage();
        }
        if (root instanceof IOException) {
            return "a file of the warehouse could not be read or written (" + message + "); check free disk space "
                    + "and permissions on the warehouse folder";
        }
        return message;
    }

    /**
     * The database that refused: DuckDB builds the warehouse, but Spring Batch records each step in the job history
     * (H2, or the shared catalog's PostgreSQL), and a night operator must know which one to look at.
     */
    private static String reporter(SQLException failure) {
        String driver = failure.getClass().getName();
        if (driver.startsWith("org.postgresql.")) {
            return "the job history's PostgreSQL database";
        }
        return driver.startsWith("org.h2.") ? "the job history's H2 database" : "DuckDB";
    }

    private static final Map<String, String> STAGES = Map.of(
            "discoverDeliveriesStep", "reading the inbox",
            "stageDeliveriesStep", "staging the deliveries",
            "stageDeliveryGroupStep", "staging the deliveries",
            "copyCommittedStateStep", "copying the committed state (or bringing its standby up to date)",
            "refreshStagingTablesStep", "bringing the staging tables up to date",
            "buildStarSchemaStep", "building the star schema",
            "buildReportViewsStep", "building the report views",
            "checkWarehouseStep", "checking the new warehouse state",
            "commitWarehouseStep", "committing the new warehouse state",
            "publishSharedCatalogStep", "publishing the committed state to the shared catalog");
}
