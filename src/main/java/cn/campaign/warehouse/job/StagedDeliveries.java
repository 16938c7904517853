package cn.campaign.warehouse.job;

import cn.campaign.warehouse.ingest.DeliveryRecord;
import java.io.PrintStream;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * A staging partition's writer: tells the operator what became of each file, and keeps the outcome in the
 * partition's context, from which the staging step gathers them for the job. Step-scoped, so not final.
 */
public class StagedDeliveries implements ItemWriter<DeliveryRecord> {

    private final StepExecution partition;
    private final PrintStream out;
    private final StagingProgress progress;

    StagedDeliveries(StepExecution partition, PrintStream out, StagingProgress progress) {
        this.partition = partition;
        this.out = out;
        this.progress = progress;
    }

    @Override
    public void write(Chunk<? extends DeliveryRecord> records) {
        for (DeliveryRecord record : records) {
            progress.beforeLine();
            out.println(record.summary());
            Outcomes.delivery(record);
            progress.done(record);
        }
        LoadContext.addStaged(partition.getExecutionContext(), records.getItems());
    }
}
