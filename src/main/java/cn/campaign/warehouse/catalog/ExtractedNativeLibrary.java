package cn.campaign.warehouse.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DuckDB's driver copies its 70 MB native library into the temp folder at every start and deletes the copy only
 * when the JVM exits normally: each killed load (a scheduler's timeout, the OOM killer) would leave one behind until
 * the disk fills. Once loaded, the library stays mapped into the process, so its file can go at once.
 */
final class ExtractedNativeLibrary {

    private static final Logger log = LoggerFactory.getLogger(ExtractedNativeLibrary.class);
    private static final Pattern DRIVER_COPY = Pattern.compile("libduckdb_java\\d+\\.so");
    private static final Path MAPPED_FILES = Path.of("/proc/self/maps");

    private static boolean removed;

    private ExtractedNativeLibrary() {
    }

    /** Removes this process's copy of the library; call after the first connection, when the library is loaded. */
    static synchronized void removeCopy() {
        if (removed) {
            return;
        }
        removed = true;
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
