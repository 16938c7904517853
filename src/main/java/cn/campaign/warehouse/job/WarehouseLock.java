package cn.campaign.warehouse.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per warehouse: an operating-system lock on {@code .load.lock}, released by the system when the
 * process ends however it ends, so a killed load never leaves a stale lock behind.
 */
public final class WarehouseLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private WarehouseLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static WarehouseLock acquire(Path warehouse) throws IOException {
        FileChannel channel;
        try {
            Files.createDirectories(warehouse);
            channel = FileChannel.open(warehouse.resolve(".load.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
        } catch (FileSystemException e) {
            throw new IllegalStateException("the warehouse folder " + warehouse + " cannot be written ("
                    + (e instanceof AccessDeniedException ? "permission denied" : e.getReason() == null
                    ? e.getClass().getSimpleName() : e.getReason()) + "); load writes there, so it stops without "
                    + "changing anything. Give the loader's user write access to the folder (or mount it "
                    + "read-write) and run load again.");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another load is already running on the warehouse " + warehouse
                    + "; this run stops without changing anything. Wait for that load to finish and run again.");
        }
        return new WarehouseLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
