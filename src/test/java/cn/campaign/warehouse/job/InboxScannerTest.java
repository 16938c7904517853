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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxScannerTest {

    private static final Instant FOUND_AT = Instant.parse("2022-05-10T01:00:00Z");

    @TempDir
    Path inbox;

    private final InboxScanner scanner = new InboxScanner(0);

    @Test
    void aFileFoundAgainAsItWasIsNotReadAgain() throws Exception {
        // given a file recorded as found (a digest that is not its own shows it is not read to decide)
        Path file = archive("PROV-41_20220509_1.zip", "the bytes that were loaded", FOUND_AT);
        Ledger ledger = new Ledger(List.of(seen("PROV-41_20220509_1.zip", "digest-of-the-loaded-bytes", 26, FOUND_AT,
                changedAt(file))));

        // when
        List<InboxFile> found = scanner.scan(inbox, ledger, FOUND_AT.plusSeconds(3600)).files();

        // then
        assertThat(found).isEmpty();
    }

    @Test
    void theBytesOfTheFilesItReadsAreToldAsARunningTotalBeforeEachIsRead() throws Exception {
        // given a file found before as it is now, and two new ones
        Path seen = archive("PROV-41_20220509_1.zip", "the bytes that were loaded", FOUND_AT);
        Ledger ledger = new Ledger(List.of(seen("PROV-41_20220509_1.zip", "digest-of-the-loaded-bytes", 26, FOUND_AT,
                changedAt(seen))));
        archive("PROV-41_20220510_1.zip", "ten bytes!", FOUND_AT);
        archive("PROV-41_20220511_1.zip", "twelve bytes", FOUND_AT);
        List<Long> told = new ArrayList<>();

        // when
        new InboxScanner(0, told::add).scan(inbox, ledger, FOUND_AT.plusSeconds(3600));

        // then only the two read are counted
        assertThat(told).containsExactly(10L, 22L);
    }

    @Test
    void aFixedFileCopiedOverTheQuarantinedOneWithItsNameSizeAndTimeIsRead() throws Exception {
        // given a file recorded as found, then rewritten with other bytes of the same length and its time restored
        // (what cp -p or rsync -a of a fixed tar does)
        Path file = archive("PROV-41_20220509_1.tar", "the bytes that were refused", FOUND_AT);
        Ledger ledger = new Ledger(List.of(seen("PROV-41_20220509_1.tar", Digests.sha256(file), 27, FOUND_AT,
                changedAt(file))));
        Thread.sleep(5);
        Files.writeString(file, "the fixed bytes, same size!");
        Files.setLastModifiedTime(file, FileTime.from(FOUND_AT));

        // when
        List<InboxFile> found = scanner.scan(inbox, ledger, FOUND_AT.plusSeconds(3600)).files();

        // then
        assertThat(found).extracting(InboxFile::sha256).containsExactly(Digests.sha256(file));
    }

    @Test
    void aFileSeenBeforeItsTimesWereRecordedIsReadOnceAndThenRecorded() throws Exception {
        // given a file the ledger of an older release knows by name and digest only
        Path file = archive("PROV-41_20220509_1.zip", "loaded long ago", FOUND_AT);
        Ledger ledger = new Ledger(List.of(seen("PROV-41_20220509_1.zip", Digests.sha256(file), 15, FOUND_AT,
                null)));

        // when
        List<InboxFile> found = scanner.scan(inbox, ledger, FOUND_AT.plusSeconds(3600)).files();

        // then it is not new, and how it was found is recorded for the next scans
        assertThat(found).isEmpty();
        assertThat(ledger.hasSeenAsFound("PROV-41_20220509_1.zip", 15, FOUND_AT, changedAt(file))).isTrue();
        assertThat(ledger.records()).singleElement().extracting(DeliveryRecord::fileChangedAt)
                .isEqualTo(changedAt(file));
    }

    @Test
    void entriesThatCannotBeReadAreNamedWithTheirReasonAndBlockNothing() throws Exception {
        // given a broken link, a folder, a file still being copied, and a good file
        Files.createSymbolicLink(inbox.resolve("PROV-11_20220509_1.zip"), inbox.resolve("gone.zip"));
        Files.createDirectory(inbox.resolve("PROV-12_20220509_1.zip"));
        archive("PROV-13_20220509_1.zip", "copying", FOUND_AT.plusSeconds(3590));
        archive("PROV-41_20220509_1.zip", "good", FOUND_AT);
        InboxScanner settling = new InboxScanner(60);

        // when
        InboxScanner.Scan scan = settling.scan(inbox, new Ledger(List.of()), FOUND_AT.plusSeconds(3600));

        // then
        assertThat(scan.files()).extracting(InboxFile::name).containsExactly("PROV-41_20220509_1.zip");
        assertThat(scan.waiting()).extracting(InboxScanner.Waiting::toString).containsExactly(
                "PROV-11_20220509_1.zip: a link to a file that does not exist; it is read once the file it points "
                        + "to is there",
                "PROV-12_20220509_1.zip: is a folder, not a delivery archive; deliveries are files at the top of "
                        + "the inbox",
                "PROV-13_20220509_1.zip: modified 10 s ago and may still be being copied; it is read once "
                        + "unchanged for 60 s");
    }

    @Test
    void aFileWhoseTimeIsInTheFutureIsReadNotHeldBackForever() throws Exception {
        // given a file stamped a day ahead by a source's wrong clock
        archive("PROV-41_20220509_1.zip", "from a wrong clock", FOUND_AT.plusSeconds(86_400));

        // when
        InboxScanner.Scan scan = new InboxScanner(60).scan(inbox, new Ledger(List.of()), FOUND_AT);

        // then
        assertThat(scan.files()).extracting(InboxFile::name).containsExactly("PROV-41_20220509_1.zip");
        assertThat(scan.waiting()).isEmpty();
    }

    private static Instant changedAt(Path file) throws Exception {
        return ((FileTime) Files.getAttribute(file, "unix:ctime")).toInstant()
                .truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    @Test
    void aFileRewrittenUnderAKnownNameIsReadAndIsNewWhenItsContentIs() throws Exception {
        // given one file touched again with its old content, one rewritten with new content
        Path same = archive("PROV-41_20220509_1.zip", "unchanged", FOUND_AT.plusSeconds(60));
        Path fixed = archive("PROV-41_20220510_1.zip", "fixed content", FOUND_AT.plusSeconds(60));
        Ledger ledger = new Ledger(List.of(
                seen("PROV-41_20220509_1.zip", Digests.sha256(same), Files.size(same), FOUND_AT, changedAt(same)),
                seen("PROV-41_20220510_1.zip", "digest-of-the-first-content", Files.size(fixed), FOUND_AT,
                        changedAt(fixed))));

        // when
        List<InboxFile> found = scanner.scan(inbox, ledger, FOUND_AT.plusSeconds(3600)).files();

        // then
        assertThat(found).extracting(InboxFile::name).containsExactly("PROV-41_20220510_1.zip");
        assertThat(found.get(0).sha256()).isEqualTo(Digests.sha256(fixed));
    }

    private Path archive(String name, String content, Instant modifiedAt) throws Exception {
        Path file = Files.writeString(inbox.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.from(modifiedAt));
        return file;
    }

    private static DeliveryRecord seen(String name, String sha256, long size, Instant modifiedAt, Instant changedAt) {
        return new DeliveryRecord(name, sha256, "PROV-41", LocalDate.of(2022, 5, 9), 1, DeliveryStatus.LOADED, null,
                1L, 0L, 0L, modifiedAt, null, "key", size, modifiedAt, changedAt);
    }
}
