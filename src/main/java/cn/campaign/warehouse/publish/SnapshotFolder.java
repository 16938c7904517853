package cn.campaign.warehouse.publish;

import cn.campaign.warehouse.files.Folders;
import cn.campaign.warehouse.files.FolderLock;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder snapshots are published to, held by one publish at a time. A snapshot is written aside as
 * {@code .<date>.partial} and renamed into place; one replaced with {@code --force} is first renamed aside as
 * {@code .<date>.replaced}, so a crash at any moment leaves the old snapshot or the new one, and the next publish
 * finishes the replacement (the new one is in place: the old one goes) or undoes it (the old one comes back).
 */
final class SnapshotFolder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotFolder.class);
    private static final String LOCK = ".publish.lock";
    private static final String PARTIAL = ".partial";
    private static final String REPLACED = ".replaced";

    private final Path root;
    private final FolderLock lock;

    private SnapshotFolder(Path root, FolderLock lock) {
        this.root = root;
        this.lock = lock;
    }

    /** Takes the folder for this publish, then finishes or undoes what a crashed publish left. */
    static SnapshotFolder open(Path root) throws IOException {
        FolderLock lock;
        try {
            lock = FolderLock.tryAcquire(root, LOCK).orElseThrow(() -> new IllegalStateException("another publish "
                    + "is writing to " + root + " right now; this one stops without changing anything. Wait for it "
                    + "to finish, then publish again if still needed."));
        } catch (FileSystemException e) {
            throw new IllegalStateException("the snapshot folder " + root + " cannot be written ("
                    + FolderLock.reason(e) + "); publish stops without changing anything. Give its user write "
                    + "access to the folder, or pass --out with one it may write.");
        }
        SnapshotFolder folder = new SnapshotFolder(root, lock);
        folder.recover();
        return folder;
    }

    Path target(LocalDate asOf) {
        return root.resolve(asOf.toString());
    }

    /** An empty folder to write the snapshot into, aside from the published ones. */
    Path partial(LocalDate asOf) throws IOException {
        Path partial = root.resolve("." + asOf + PARTIAL);
        Folders.deleteTree(partial);
        Files.createDirectories(partial);
        return partial;
    }

    /** Puts the written snapshot in place, replacing the published one if any. */
    Path publish(LocalDate asOf) throws IOException {
        Path target = target(asOf);
        Path partial = root.resolve("." + asOf + PARTIAL);
        Path replaced = root.resolve("." + asOf + REPLACED);
        if (Files.exists(target)) {
            Folders.deleteTree(replaced);
            Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        Folders.deleteTree(replaced);
        return target;
    }

    private void recover() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(PARTIAL)) {
                    Folders.deleteTree(entry);
                } else if (name.startsWith(".") && name.endsWith(REPLACED)) {
                    Path target = root.resolve(name.substring(1, name.length() - REPLACED.length()));
                    if (Files.exists(target)) {
                        log.info("finishing the replacement of {} that a crashed publish began", target);
                        Folders.deleteTree(entry);
                    } else {
                        log.info("restoring {}: a crashed publish had moved it aside to replace it", target);
                        Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
