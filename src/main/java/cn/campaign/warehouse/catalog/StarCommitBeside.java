package cn.campaign.warehouse.catalog;

import cn.campaign.warehouse.iceberg.StarTables;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the star's Iceberg tables on a second connection while the report views are built. Once built, the star
 * does not change before the commit, and its Iceberg files and metadata (about 2 s a night) would otherwise wait for
 * the views and the checks, with one core idle a quarter of the time. The rows a load wrote and the keys it replaced
 * are temporary tables of the build's connection, which no other connection sees: they are copied first to a
 * database in memory that every connection of the process shares. The metadata pointers land in the build's
 * database, so a build that then fails its checks commits none of it; the files it wrote are left to the next load,
 * which finds them unreached, as after a load killed during its commit.
 */
final class StarCommitBeside {

    private static final Logger log = LoggerFactory.getLogger(StarCommitBeside.class);

    /** The shared in-memory database the night's rows are copied to. */
    private static final String SHARED = "star_changes";

    private final Connection connection;
    private final FutureTask<Map<String, Path>> writes;

    private StarCommitBeside(Connection connection, FutureTask<Map<String, Path>> writes) {
        this.connection = connection;
        this.writes = writes;
    }

    /**
     * Copies each change's rows where the second connection reads them, then starts the writes.
     *
     * @param changes as the commit would write them, naming the build connection's temporary tables
     */
    static StarCommitBeside start(Connection connection, Path star, List<StarTables.Change> changes,
                                  StarTables.Upkeep upkeep) throws SQLException {
        TimedSql.execute(connection, "attach ':memory:' as " + SHARED);
        List<StarTables.Change> shared = new ArrayList<>();
        for (StarTables.Change change : changes) {
            if (change.isWhole()) {
                shared.add(change);
                continue;
            }
            String written = SHARED + "." + change.written();
            String replaced = SHARED + "." + change.replaced();
            TimedSql.execute(connection, "create table " + written + " as from " + change.written());
            TimedSql.execute(connection, "create table " + replaced + " as from " + change.replaced());
            shared.add(new StarTables.Change(change.table(), change.columns(), replaced, written,
                    change.replacesRows()));
        }
        Connection second = ((DuckDBConnection) connection).duplicate();
        FutureTask<Map<String, Path>> writes = new FutureTask<>(() -> {
            long started = System.nanoTime();
            Map<String, Path> appended;
            try (second; StarTables tables = StarTables.open(second, star)) {
                appended = tables.commit(shared, upkeep, Instant.now());
            }
            log.debug("the star's Iceberg tables written beside the report views in {} ms",
                    (System.nanoTime() - started) / 1_000_000);
            return appended;
        });
        Thread thread = new Thread(writes, "star-commit");
        thread.start();
        return new StarCommitBeside(connection, writes);
    }

    /**
     * Waits for the writes; throws what stopped them, as the commit would have.
     *
     * @return the data files appended, as {@link StarTables#commit} returns them
     */
    Map<String, Path> finish() throws SQLException, IOException {
        try {
            return writes.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the star's Iceberg tables were written", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("the star's Iceberg tables could not be written: " + cause, cause);
        } finally {
            TimedSql.execute(connection, "detach " + SHARED);
        }
    }

    /** Waits for the writes of a build that ends without its commit; their failure no longer matters. */
    void abandon() {
        try {
            finish();
        } catch (SQLException | IOException | RuntimeException e) {
            log.debug("the star's Iceberg tables written beside an uncommitted build", e);
        }
    }
}
