package cn.campaign.warehouse.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writing into the warehouse's own work folder failed (disk full, permissions): the run must fail, because the
 * delivery is not at fault and must not be quarantined for it.
 */
public final class WorkFolderWriteException extends UncheckedIOException {

    public WorkFolderWriteException(String what, IOException cause) {
        super(what + " could not be written (" + cause.getMessage() + "); check free disk space and permissions "
                + "on the warehouse folder", cause);
    }
}
