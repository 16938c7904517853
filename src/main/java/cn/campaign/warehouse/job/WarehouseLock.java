package cn.campaign.warehouse.job;

import cn.campaign.warehouse.files.FolderLock;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** One writer per warehouse: a {@link FolderLock} on {@code .load.lock}. */
public final class WarehouseLock implements AutoCloseable {

    private final FolderLock lock;

    private WarehouseLock(FolderLock lock) {
        this.lock = lock;
    }

    public static WarehouseLock acquire(Path warehouse) throws IOException {
        try {
            return new WarehouseLock(FolderLock.tryAcquire(warehouse, ".load.lock").orElseThrow(() ->
                    new IllegalStateException("another load is already running on the warehouse " + warehouse
                            + "; this run stops without changing anything. Wait for that load to finish and run "
                            + "again.")));
        } catch (FileSystemException e) {
            throw new IllegalStateException("the warehouse folder " + warehouse + " cannot be written ("
                    + FolderLock.reason(e) + "); load writes there, so it stops without changing anything. Give "
                    + "the loader's user write access to the folder (or mount it read-write) and run load again.");
        }
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
