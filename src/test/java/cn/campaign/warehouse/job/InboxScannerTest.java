package cn.campaign.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.DeliveryStatus;
import cn.campaign.warehouse.ingest.Digests;
import cn.campaign.warehouse.ingest.InboxFile;
import cn.campaign.warehouse.ingest.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxScannerTest {

    private static final Instant FOUND_AT = Instant.parse("2022-05-10T01:00:00Z");

    @TempDir
    Path inbox;

    private final InboxScanner scanner = new InboxScanner(0);

    @Test
    void aFileSeenWithTheSameNameSizeAndTimeIsNotReadAgain() throws Exception {
        // given a file recorded as found, whose bytes no longer match the recorded digest
        Path file = archive("PROV-41_20220509_1.zip", "the bytes that were loaded", FOUND_AT);
        Files.writeString(file, "other bytes, same length!!");
        Files.setLastModifiedTime(file, FileTime.from(FOUND_AT));
        Ledger ledger = new Ledger(List.of(seen("PROV-41_20220509_1.zip", "digest-of-the-loaded-bytes", 26, FOUND_AT)));

        // when
        List<InboxFile> found = scanner.scan(inbox, ledger, FOUND_AT.plusSeconds(3600));

        // then
        assertThat(found).isEmpty();
    }

    @Test
    void aFileRewrittenUnderAKnownNameIsReadAndIsNewWhenItsContentIs() throws Exception {
        // given one file touched again with its old content, one rewritten with new content
        Path same = archive("PROV-41_20220509_1.zip", "unchanged", FOUND_AT.plusSeconds(60));
        Path fixed = archive("PROV-41_20220510_1.zip", "fixed content", FOUND_AT.plusSeconds(60));
        Ledger ledger = new Ledger(List.of(
                seen("PROV-41_20220509_1.zip", Digests.sha256(same), Files.size(same), FOUND_AT),
                seen("PROV-41_20220510_1.zip", "digest-of-the-first-content", Files.size(fixed), FOUND_AT)));

        // when
        List<InboxFile> found = scanner.scan(inbox, ledger, FOUND_AT.plusSeconds(3600));

        // then
        assertThat(found).extracting(InboxFile::name).containsExactly("PROV-41_20220510_1.zip");
        assertThat(found.get(0).sha256()).isEqualTo(Digests.sha256(fixed));
    }

    private Path archive(String name, String content, Instant modifiedAt) throws Exception {
        Path file = Files.writeString(inbox.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.from(modifiedAt));
        return file;
    }

    private static DeliveryRecord seen(String name, String sha256, long size, Instant modifiedAt) {
        return new DeliveryRecord(name, sha256, "PROV-41", LocalDate.of(2022, 5, 9), 1, DeliveryStatus.LOADED, null,
                1L, 0L, modifiedAt, null, "key", size, modifiedAt);
    }
}
