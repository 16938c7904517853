package cn.campaign.warehouse.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code star/.committed}: there, and naming this star folder, while {@code star/} holds only files that commits
 * made. A load removes it before it writes the first file there and writes it again once its commit finished, so a
 * load killed or failed in between leaves the folder unmarked, and the next load searches it for the files no Iceberg
 * snapshot reaches. That search reads every manifest of every table (seconds on a national warehouse); a night after
 * a clean commit skips it. A moved or copied warehouse is searched once: the mark names the folder it came from.
 */
public final class CommittedStarMark {

    private final Path star;

    CommittedStarMark(Path star) {
        this.star = star.toAbsolutePath().normalize();
    }

    /** Whether the star folder holds only what commits made. */
    public boolean present() throws IOException {
        return Files.isRegularFile(mark())
                && Files.readString(mark(), StandardCharsets.UTF_8).equals(star.toString());
    }

    /** Before a load writes under {@code star/}. */
    public void remove() throws IOException {
        Files.deleteIfExists(mark());
    }

    /** Once a load's commit finished: written aside, then renamed, so that a kill leaves no half-written mark. */
    public void write() throws IOException {
        Files.createDirectories(star);
        Path written = star.resolve(".committed.new");
        Files.writeString(written, star.toString(), StandardCharsets.UTF_8);
        Files.move(written, mark(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path mark() {
        return star.resolve(".committed");
    }
}
