package cn.campaign.warehouse.job;

import java.util.Collection;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.step.StepExecution;

/**
 * Sums the partitions' counts as Spring Batch does, and gathers the outcomes each partition kept in its context
 * into the staging step's context, from which they are promoted to the job's.
 */
final class StagedDeliveriesAggregator implements StepExecutionAggregator {

    private final StepExecutionAggregator counts = new DefaultStepExecutionAggregator();

    @Override
    public void aggregate(StepExecution result, Collection<StepExecution> executions) {
        counts.aggregate(result, executions);
        for (StepExecution partition : executions) {
            LoadContext.addStaged(result.getExecutionContext(), LoadContext.staged(partition.getExecutionContext()));
        }
    }
}
