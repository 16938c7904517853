package cn.campaign.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.DeliveryStatus;
import cn.campaign.warehouse.ingest.InboxFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StagingProgressTest {

    private final AtomicLong now = new AtomicLong();
    private final StagingProgress progress = new StagingProgress(now::get, null, Duration.ofSeconds(5));

    @Test
    void showsFilesRecordsSpeedAndTheTimeLeftFromTheBytesStaged() {
        // given four files of 100, 100, 100 and 100 bytes
        progress.start(List.of(file("a", 100), file("b", 100), file("c", 100), file("d", 100)));

        // when the first, of 1,000 records, is done after 2 s
        now.set(2_000_000_000L);
        progress.done(outcome("a", 100, 1_000));

        // then
        assertThat(progress.line())
                .isEqualTo("staging: 1 of 4 files (25 %), 1,000 records, 500 records/s, about 6 s left");
        assertThat(progress.bar())
                .isEqualTo("staging [######                  ] 25 % 1/4 files 500 records/s, about 6 s left");
    }

    @Test
    void endsWithOneLineSayingWhatWasStagedAndHowFast() {
        progress.start(List.of(file("a", 300), file("b", 100)));

        now.set(90_000_000_000L);
        progress.done(outcome("a", 300, 900_000));
        progress.done(outcome("b", 100, 0));

        assertThat(progress.line()).isEqualTo("staging: 2 of 2 files (100 %), 900,000 records, 10,000 records/s");
        assertThat(progress.closing()).isEqualTo("staged 2 files, 900,000 records, in 90.0 s (10,000 records/s)");
    }

    @Test
    void aLongStagingGivesTheTimeLeftInMinutes() {
        progress.start(List.of(file("a", 100), file("b", 900)));

        now.set(30_000_000_000L);
        progress.done(outcome("a", 100, 10));

        assertThat(progress.line()).endsWith(", about 4 min 30 s left");
    }

    private static InboxFile file(String name, long size) {
        return new InboxFile(Path.of("/inbox", name), name, "sha", size, Instant.EPOCH, Instant.EPOCH);
    }

    private static DeliveryRecord outcome(String name, long size, long records) {
        return new DeliveryRecord(name, "sha", "PROV-41", null, 1, DeliveryStatus.LOADED, null, records, 0L, 0L,
                Instant.EPOCH, null, null, size, Instant.EPOCH, Instant.EPOCH);
    }
}
