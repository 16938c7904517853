package cn.campaign.warehouse.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An operating-system lock on a file in a folder, held by one process at a time and released by the system when the
 * process ends however it ends, so a killed command never leaves a stale lock behind.
 */
public final class FolderLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The lock on {@code folder/name} (the folder is created if need be), or empty when another holds it.
     *
     * @throws FileSystemException when the folder cannot be written: see {@link #reason}
     */
    public static Optional<FolderLock> tryAcquire(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        FileChannel channel = FileChannel.open(folder.resolve(name), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new FolderLock(channel, lock));
    }

    /** Why a folder cannot be written, in a few words. */
    public static String reason(FileSystemException e) {
        return e instanceof AccessDeniedException ? "permission denied"
                : e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
