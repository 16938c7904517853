package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractedNativeLibraryTest {

    private static final Path TEMP = Path.of("/tmp");

    @Test
    void findsTheDriversCopyInTheTempFolderOnceAmongItsMappings() {
        // given the mappings of a process that loaded the driver's copy (one line per mapped segment)
        List<String> mappings = List.of(
                "7f1c2a000000-7f1c2a400000 r--p 00000000 fd:00 1234  /tmp/libduckdb_java7106422118954.so",
                "7f1c2a400000-7f1c2c000000 r-xp 00400000 fd:00 1234  /tmp/libduckdb_java7106422118954.so",
                "7f1c30000000-7f1c30100000 r-xp 00000000 fd:00 99    /usr/lib/x86_64-linux-gnu/libc.so.6",
                "7ffd1000000-7ffd1021000 rw-p 00000000 00:00 0       [stack]");

        // when / then
        assertThat(ExtractedNativeLibrary.copiesIn(mappings, TEMP))
                .containsExactly(Path.of("/tmp/libduckdb_java7106422118954.so"));
    }

    @Test
    void findsSnappysCopyTooWhichAvroLoadsForIcebergsManifests() {
        // given
        List<String> mappings = List.of(
                "7f1c2a000000-7f1c2a400000 r-xp 00000000 fd:00 1234  /tmp/libduckdb_java42.so",
                "7f1c2d000000-7f1c2d040000 r-xp 00000000 fd:00 77    "
                        + "/tmp/snappy-1.1.10-515f62a8-225b-425c-929a-4b2314c434ef-libsnappyjava.so");

        // when / then
        assertThat(ExtractedNativeLibrary.copiesIn(mappings, TEMP)).containsExactly(
                Path.of("/tmp/libduckdb_java42.so"),
                Path.of("/tmp/snappy-1.1.10-515f62a8-225b-425c-929a-4b2314c434ef-libsnappyjava.so"));
    }

    @Test
    void leavesLibrariesOutsideTheTempFolderAndCopiesAlreadyRemoved() {
        // given a library installed beside the jar, a copy already gone and a copy of another name in the temp folder
        List<String> mappings = List.of(
                "7f1c2a000000-7f1c2a400000 r-xp 00000000 fd:00 1234  /opt/warehouse/libduckdb_java1.so",
                "7f1c2b000000-7f1c2b400000 r-xp 00000000 fd:00 1235  /tmp/libduckdb_java22.so (deleted)",
                "7f1c2c000000-7f1c2c400000 r-xp 00000000 fd:00 1236  /tmp/libzstd-jni-1.5.7-6.so");

        // when / then
        assertThat(ExtractedNativeLibrary.copiesIn(mappings, TEMP)).isEmpty();
    }

    @Test
    void removesOldCopiesNoProcessMapsAndKeepsCopiesInUseOrStillBeingWritten(@TempDir Path temp) throws Exception {
        // given a copy left by a process killed while copying, one a running process maps, one being copied now,
        // and an unrelated old file
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        Path orphan = copy(temp, "libduckdb_java111.so", now.minusSeconds(3600));
        Path inUse = copy(temp, "libduckdb_java222.so", now.minusSeconds(3600));
        Path young = copy(temp, "libduckdb_java333.so", now.minusSeconds(5));
        Path other = copy(temp, "libother111.so", now.minusSeconds(3600));

        // when
        ExtractedNativeLibrary.removeStaleCopies(temp, now, inUse::equals);

        // then
        assertThat(orphan).doesNotExist();
        assertThat(inUse).exists();
        assertThat(young).exists();
        assertThat(other).exists();
    }

    @Test
    void removesZstdJnisCopyLeftByAProcessKilledWhileItCopiedAndNoInstalledLibrary(@TempDir Path temp)
            throws Exception {
        // given a copy zstd-jni (the staging's Parquet compression) left half made, and a library installed by name
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        Path orphan = copy(temp, "libzstd-jni-1.5.7-286704458687189472528.so", now.minusSeconds(3600));
        Path installed = copy(temp, "libzstd-jni-1.5.7-6.so", now.minusSeconds(3600));

        // when
        ExtractedNativeLibrary.removeStaleCopies(temp, now, file -> false);

        // then
        assertThat(orphan).doesNotExist();
        assertThat(installed).exists();
    }

    @Test
    void removesACompilerDirectiveFileLeftByAKilledLoadOnceStale(@TempDir Path temp) throws Exception {
        // given the directive file a load killed an hour ago left, one a running load writes now, and another's file
        Instant now = Instant.parse("2026-12-04T01:30:00Z");
        Path left = copy(temp, "campaign-warehouse-compiler-8304197523616153337.json", now.minusSeconds(3600));
        Path current = copy(temp, "campaign-warehouse-compiler-1962514862081938263.json", now.minusSeconds(1));
        Path other = copy(temp, "other-program.json", now.minusSeconds(3600));

        // when
        ExtractedNativeLibrary.removeStaleCopies(temp, now, file -> false);

        // then only the stale directive file is gone
        assertThat(left).doesNotExist();
        assertThat(current).exists();
        assertThat(other).exists();
    }

    private static Path copy(Path temp, String name, Instant modified) throws Exception {
        Path file = Files.write(temp.resolve(name), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
