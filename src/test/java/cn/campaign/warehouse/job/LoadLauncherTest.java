package cn.campaign.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

class LoadLauncherTest {

    private final JobExecution execution = new JobExecution(1, new JobInstance(1, "loadJob"), new JobParameters());

    @Test
    void aFailedPartitionIsDescribedByTheWorkersCauseNotByTheManagersSummary() {
        // given the manager's generic failure and, among completed workers, one that ran out of disk
        failed("stageDeliveriesStep", new JobExecutionException("Partition handler returned an unsuccessful step"));
        for (int worker = 0; worker < 8; worker++) {
            step("stageDeliveryGroupStep:partition" + worker).setStatus(BatchStatus.COMPLETED);
        }
        failed("stageDeliveryGroupStep:partition8",
                new IllegalStateException("staging failed", new IOException("No space left on device")));

        // when
        String description = LoadLauncher.describe(execution);

        // then
        assertThat(description).isEqualTo("staging the deliveries failed: a file of the warehouse could not be read "
                + "or written (No space left on device); check free disk space and permissions on the warehouse "
                + "folder");
    }

    @Test
    void aFailedStatementIsNamedByWhatTheBuildWasDoingNotOnlyByDuckDbsRootCause() {
        // given a check that DuckDB could not run
        failed("checkWarehouseStep", new IllegalStateException("tasklet failed", new SQLException(
                "the check assert_one_current_member could not run: Out of Memory Error: could not allocate block",
                new SQLException("Out of Memory Error: could not allocate block"))));

        // when / then
        assertThat(LoadLauncher.describe(execution)).isEqualTo("checking the new warehouse state failed: DuckDB "
                + "reported: the check assert_one_current_member could not run: Out of Memory Error: could not "
                + "allocate block");
    }

    @Test
    void aFailureOfTheJobHistoryInPostgresqlIsNotBlamedOnDuckDb() {
        // given a run whose step could not be recorded in the shared catalog's PostgreSQL database
        execution.addFailureException(new JobExecutionException("Flow execution ended unexpectedly",
                new IllegalStateException("Ended flow=stagingFlow at state=stagingFlow.step0 with exception",
                        new PSQLException("ERROR: could not serialize access due to read/write dependencies among "
                                + "transactions", PSQLState.SERIALIZATION_FAILURE))));

        // when / then
        assertThat(LoadLauncher.describe(execution)).isEqualTo("the job history's PostgreSQL database reported: "
                + "ERROR: could not serialize access due to read/write dependencies among transactions");
    }

    @Test
    void aStepThatFailedWithoutAnExceptionIsNamedWithItsStatus() {
        // given
        step("checkWarehouseStep").setStatus(BatchStatus.FAILED);
        execution.setStatus(BatchStatus.FAILED);

        // when / then
        assertThat(LoadLauncher.describe(execution))
                .isEqualTo("checking the new warehouse state stopped with status FAILED");
    }

    private void failed(String name, Throwable failure) {
        StepExecution step = step(name);
        step.setStatus(BatchStatus.FAILED);
        step.addFailureException(failure);
    }

    private StepExecution step(String name) {
        StepExecution step = new StepExecution(execution.getStepExecutions().size() + 1L, name, execution);
        execution.addStepExecution(step);
        return step;
    }
}
