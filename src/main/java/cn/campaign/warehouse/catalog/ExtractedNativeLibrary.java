package cn.campaign.warehouse.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DuckDB's driver copies its 70 MB native library into the temp folder at every start and deletes the copy only
 * when the JVM exits normally: each killed command (a scheduler's timeout, the OOM killer, an analyst's Ctrl-C on
 * {@code sql} or {@code publish}) would leave one behind until the disk fills. Once loaded, the library stays mapped
 * into the process, so its file can go at once. A process killed while the driver was still copying leaves a copy
 * no process maps: every command removes such copies once they are old enough that no copy can still be under way.
 * snappy-java does the same with its library, which Avro loads as soon as Iceberg reads or writes a manifest: it is
 * loaded here too, at the start, so that its copy goes with DuckDB's. zstd-jni (the staging's Parquet compression)
 * removes its own copy once loaded, but a process killed while it copies leaves one: it is loaded here as well, before
 * any delivery is read, and its stale copies are removed like the others. So is the compiler directive file a
 * {@code load} or {@code publish} writes and removes within milliseconds ({@code job.OptimisingCompiler}).
 */
final class ExtractedNativeLibrary {

    private static final Logger log = LoggerFactory.getLogger(ExtractedNativeLibrary.class);
    private static final Pattern DRIVER_COPY = Pattern.compile(
            "libduckdb_java\\d+\\.so|snappy-[0-9.]+-[0-9a-f-]+-libsnappyjava\\.so|libzstd-jni-[0-9.]+-\\d{10,}\\.so");
    /** The 40-byte file {@code Compiler.directives_add} reads; a process killed before removing it leaves it. */
    private static final Pattern COMPILER_DIRECTIVE = Pattern.compile("campaign-warehouse-compiler-\\d+\\.json");
    private static final Path MAPPED_FILES = Path.of("/proc/self/maps");
    /** Far longer than the driver takes to copy the library, even on a loaded machine. */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    private static boolean removed;

    private ExtractedNativeLibrary() {
    }

    /** Removes this process's copy of the library; call after the first connection, when the library is loaded. */
    static synchronized void removeCopy() {
        if (removed) {
            return;
        }
        removed = true;
        try {
            org.xerial.snappy.Snappy.getNativeLibraryVersion();
        } catch (LinkageError e) {
            log.debug("snappy-java's native library is not loaded: {}", e.toString());
        }
        try {
            com.github.luben.zstd.util.Native.load();
        } catch (LinkageError e) {
            log.debug("zstd-jni's native library is not loaded: {}", e.toString());
        }
        if (!Files.isReadable(MAPPED_FILES)) {
            return; // not Linux: the driver's own removal at exit is all there is
        }
        Path temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        try {
            for (Path copy : copiesIn(Files.readAllLines(MAPPED_FILES), temp)) {
                Files.deleteIfExists(copy);
                log.debug("removed the driver's copy of its native library, {}", copy);
            }
        } catch (IOException e) {
            log.debug("the driver's copy of its native library stays until the process exits: {}", e.toString());
        }
        removeStaleCopies(temp, Instant.now(), ExtractedNativeLibrary::mappedByAnyProcess);
    }

    /**
     * Removes the copies (and compiler directive files) in {@code temp} older than {@link #STALE_AFTER} that no running
     * process maps.
     */
    static void removeStaleCopies(Path temp, Instant now, Predicate<Path> mapped) {
        List<Path> stale;
        try (Stream<Path> files = Files.list(temp)) {
            stale = files.filter(file -> leftByAKill(file.getFileName().toString()))
                    .filter(file -> olderThan(file, now.minus(STALE_AFTER)))
                    .toList();
        } catch (IOException e) {
            return;
        }
        for (Path copy : stale) {
            if (!mapped.test(copy)) {
                try {
                    Files.deleteIfExists(copy);
                    log.debug("removed {}, left in the temp folder by a killed process", copy);
                } catch (IOException e) {
                    log.debug("cannot remove {}: {}", copy, e.toString()); // another user's: theirs to remove
                }
            }
        }
    }

    private static boolean leftByAKill(String name) {
        return DRIVER_COPY.matcher(name).matches() || COMPILER_DIRECTIVE.matcher(name).matches();
    }

    private static boolean olderThan(Path file, Instant limit) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(limit);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether any process this user can see maps the file (a copy in use; unreadable processes count as maybe). */
    private static boolean mappedByAnyProcess(Path copy) {
        String name = copy.toString();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars()
                    .allMatch(Character::isDigit)).toList()) {
                try (Stream<String> lines = Files.lines(process.resolve("maps"))) {
                    if (lines.anyMatch(line -> line.endsWith(name))) {
                        return true;
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    // a process that ended meanwhile, or another user's: it cannot map this user's copy in a
                    // sticky temp folder we could delete anyway
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** The driver's copies among a {@code /proc/self/maps} listing: files named like its copies, in the temp folder. */
    static List<Path> copiesIn(List<String> mappings, Path temp) {
        return mappings.stream()
                .filter(line -> line.indexOf('/') >= 0 && !line.endsWith(" (deleted)"))
                .map(line -> Path.of(line.substring(line.indexOf('/'))))
                .filter(file -> temp.equals(file.getParent())
                        && DRIVER_COPY.matcher(file.getFileName().toString()).matches())
                .distinct()
                .toList();
    }
}
