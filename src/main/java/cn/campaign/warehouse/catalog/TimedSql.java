package cn.campaign.warehouse.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the build's statements, each timed at TRACE ({@code CAMPAIGN_LOG_LEVEL=TRACE}): where a night's seconds go,
 * statement by statement, is what decides the next change to the build.
 */
final class TimedSql {

    private static final Logger log = LoggerFactory.getLogger(TimedSql.class);
    private static final int SHOWN = 160;

    private TimedSql() {
    }

    static void execute(Connection connection, String sql) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } finally {
            trace(started, sql);
        }
    }

    static long update(Connection connection, String sql) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            return statement.executeLargeUpdate(sql);
        } finally {
            trace(started, sql);
        }
    }

    /** The first column of the first row, a count. */
    static long count(Connection connection, String sql) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } finally {
            trace(started, sql);
        }
    }

    /** Work on the connection that runs in one transaction. */
    interface Work {
        void run() throws SQLException;
    }

    /** Runs work as one transaction: a run killed or failing halfway leaves none of it. */
    static void inTransaction(Connection connection, Work work) throws SQLException {
        execute(connection, "begin transaction");
        try {
            work.run();
        } catch (SQLException | RuntimeException e) {
            try {
                execute(connection, "rollback");
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
        execute(connection, "commit");
    }

    private static void trace(long startedNanos, String sql) {
        if (log.isTraceEnabled()) {
            String line = sql.strip().replaceAll("\\s+", " ");
            log.trace("{} ms: {}", (System.nanoTime() - startedNanos) / 1_000_000,
                    line.length() > SHOWN ? line.substring(0, SHOWN) + "…" : line);
        }
    }
}
