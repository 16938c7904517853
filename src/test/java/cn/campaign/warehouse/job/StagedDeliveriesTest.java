package cn.campaign.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.DeliveryStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

class StagedDeliveriesTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final StagedDeliveries writer = new StagedDeliveries(new PrintStream(printed, true, StandardCharsets.UTF_8),
            new StagingProgress(System::nanoTime, null, Duration.ofSeconds(5)));
    private final StepExecution partition = new StepExecution(2L, "stageDeliveryGroupStep:partition0",
            new JobExecution(1L, new JobInstance(1L, "loadJob"), new JobParameters()));

    @Test
    void printsEachOutcomeAtOnceAndPutsThemAllInThePartitionsContextWhenItEnds() {
        // when a partition stages two files, one chunk each
        writer.write(Chunk.of(outcome("PROV-41_20220509_1.zip")));
        writer.write(Chunk.of(outcome("PROV-41_20220510_1.zip")));

        // then the operator saw both lines, while the context Spring Batch writes again after each chunk stayed
        // as small as it began (each chunk wrote every outcome before it: a campaign's files made that quadratic)
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("PROV-41_20220509_1.zip: loaded")
                .contains("PROV-41_20220510_1.zip: loaded");
        assertThat(LoadContext.staged(partition.getExecutionContext())).isEmpty();

        // and when the partition ends, its context holds both outcomes in the order staged
        writer.afterStep(partition);
        assertThat(LoadContext.staged(partition.getExecutionContext())).extracting(DeliveryRecord::fileName)
                .containsExactly("PROV-41_20220509_1.zip", "PROV-41_20220510_1.zip");
    }

    private static DeliveryRecord outcome(String name) {
        return new DeliveryRecord(name, "sha", "PROV-41", null, 1, DeliveryStatus.LOADED, null, 10L, 0L, 0L,
                Instant.EPOCH, null, null, 100L, Instant.EPOCH, Instant.EPOCH);
    }
}
