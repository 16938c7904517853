package cn.campaign.warehouse.job;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;

/**
 * Lets a partition's worker thread use the job's job-scoped beans. Spring Batch registers only the step's context
 * on a worker thread, so a job-scoped bean (the run's ledger, which later files' outcomes depend on) would fail
 * there; registering the same job execution shares the one job context the main thread holds.
 */
final class JobScopeInPartitions implements StepExecutionListener {

    @Override
    public void beforeStep(StepExecution stepExecution) {
        JobSynchronizationManager.register(stepExecution.getJobExecution());
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        JobSynchronizationManager.release();
        return null;
    }
}
