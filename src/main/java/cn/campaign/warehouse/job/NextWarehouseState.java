package cn.campaign.warehouse.job;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.WarehouseBuild;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open catalog of the state a load builds aside. A job-scoped bean: the step that starts the build opens it (or
 * takes over the connection that brought the standby up to date there, kept by the step beside the staging), the
 * steps after it build, check and commit in it, and the job's end closes it whether the run committed or failed, so
 * that a failed run leaves no DuckDB connection behind. Which file it is travels in the job's context
 * ({@link LoadContext#NEXT_CATALOG}); an open connection is not a value a job repository can keep.
 */
public class NextWarehouseState implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NextWarehouseState.class);

    private final WarehouseFolder warehouse;
    private WarehouseBuild build;
    /** The standby brought up to date in the file the build goes on in, still open (see {@link #keepOpen}). */
    private Path caughtUp;
    private Connection caughtUpConnection;

    public NextWarehouseState(WarehouseFolder warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * Starts the next state in {@code catalog}: a copy of the committed one where it can be continued.
     *
     * @param copied whether an earlier step of this run already copied the committed catalog there
     */
    synchronized WarehouseBuild open(Path catalog, boolean copied) throws SQLException, IOException {
        Connection open = catalog.equals(caughtUp) ? caughtUpConnection : null;
        closeCaughtUp(open);
        build = WarehouseBuild.forLoad(warehouse, catalog, copied, open);
        return build;
    }

    /**
     * Keeps the connection that brought the standby up to date in {@code catalog} for the build: the blocks it read
     * and wrote stay in its memory, and its memory stays with DuckDB, where a second opening of the file would read
     * them again into memory faulted in anew (docs/BENCHMARKS.md, session 23).
     */
    synchronized void keepOpen(Path catalog, Connection connection) {
        closeCaughtUp(null);
        caughtUp = catalog;
        caughtUpConnection = connection;
    }

    /** Closes the connection kept open, unless it is {@code handedOver}. */
    private void closeCaughtUp(Connection handedOver) {
        if (caughtUpConnection != handedOver) {
            Duck.closeQuietly(caughtUpConnection);
        }
        caughtUp = null;
        caughtUpConnection = null;
    }

    /** The state being built; only after {@link #open}. */
    WarehouseBuild build() {
        if (build == null) {
            throw new IllegalStateException("the next warehouse state was not opened by an earlier step");
        }
        return build;
    }

    /** Closes the built state for the commit, which must not go on when the close (its checkpoint) fails. */
    void closeForCommit() throws SQLException {
        WarehouseBuild built = build();
        build = null;
        built.close();
    }

    @Override
    public synchronized void close() {
        closeCaughtUp(null);
        if (build != null) {
            try {
                build.close();
            } catch (SQLException e) {
                log.debug("closing the next warehouse state", e);
            }
            build = null;
        }
    }
}
