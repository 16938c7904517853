package cn.campaign.warehouse.job;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;

/**
 * Lets a step on a worker thread (a staging partition, or a flow of the job's split) use the job's job-scoped beans.
 * Spring Batch registers only the step's context on a worker thread, so a job-scoped bean (the run's ledger, which
 * later files' outcomes depend on; the staging progress) would fail there; registering the same job execution
 * shares the one job context the main thread holds. Listed first, so that it registers before the other listeners
 * run and releases after them.
 */
final class JobScopeOnWorkerThreads implements StepExecutionListener {

    @Override
    public void beforeStep(StepExecution stepExecution) {
        JobSynchronizationManager.register(stepExecution.getJobExecution());
    }

    /**
     * Ends this thread's registration only: {@code release()} would also run the job-scoped beans' destruction
     * callbacks, closing what the main thread still uses (the state being built) each time a worker step ends.
     */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        JobSynchronizationManager.close();
        return null;
    }
}
