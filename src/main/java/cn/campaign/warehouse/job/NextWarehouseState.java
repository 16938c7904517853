package cn.campaign.warehouse.job;

import cn.campaign.warehouse.catalog.WarehouseBuild;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open catalog of the state a load builds aside. A job-scoped bean: the step that starts the build opens it,
 * the steps after it build, check and commit in it, and the job's end closes it whether the run committed or
 * failed, so that a failed run leaves no DuckDB connection behind. Which file it is travels in the job's context
 * ({@link LoadContext#NEXT_CATALOG}); an open connection is not a value a job repository can keep.
 */
public class NextWarehouseState implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NextWarehouseState.class);

    private final WarehouseFolder warehouse;
    private WarehouseBuild build;

    public NextWarehouseState(WarehouseFolder warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * Starts the next state in {@code catalog}: a copy of the committed one where it can be continued.
     *
     * @param copied whether an earlier step of this run already copied the committed catalog there
     */
    WarehouseBuild open(Path catalog, boolean copied) throws SQLException, IOException {
        build = WarehouseBuild.forLoad(warehouse, catalog, copied);
        return build;
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
    public void close() {
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
