package cn.campaign.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.JobContext;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;

class JobScopeOnWorkerThreadsTest {

    private final JobExecution job = new JobExecution(1L, new JobInstance(1L, "loadJob"), new JobParameters());

    @Test
    void aWorkerStepThatEndsLeavesTheJobScopedBeansOpen() throws Exception {
        // given the job's context on the main thread, with a job-scoped bean that closes when the job ends
        JobContext context = JobSynchronizationManager.register(job);
        AtomicInteger closed = new AtomicInteger();
        context.registerDestructionCallback("nextWarehouseState", closed::incrementAndGet);
        StepExecution worker = new StepExecution(2L, "copyCommittedStateStep", job);
        JobScopeOnWorkerThreads listener = new JobScopeOnWorkerThreads();

        // when a step on a worker thread starts, uses the job's context and ends
        JobContext[] seen = new JobContext[1];
        try {
            Thread thread = new Thread(() -> {
                listener.beforeStep(worker);
                seen[0] = JobSynchronizationManager.getContext();
                listener.afterStep(worker);
            });
            thread.start();
            thread.join();

            // then the worker saw the job's one context, and the bean stays open while the job goes on
            assertThat(seen[0]).isSameAs(context);
            assertThat(closed).hasValue(0);
        } finally {
            JobSynchronizationManager.release();
        }
        // until the main thread ends the job
        assertThat(closed).hasValue(1);
    }
}
