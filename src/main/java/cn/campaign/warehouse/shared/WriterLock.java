package cn.campaign.warehouse.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL advisory lock held by one session for the whole of a load: two machines that share a warehouse (a
 * primary and its standby, both scheduled) never load at once, even where the shared file system's own locks are
 * not to be trusted. The database frees the lock when the session ends, so a killed process leaves no lock behind.
 */
public final class WriterLock implements AutoCloseable {

    /** The lock's key: the first eight bytes of "campaign" in ASCII, the one writer of a shared catalog. */
    static final long KEY = 0x63616d706169676eL;

    private static final Logger log = LoggerFactory.getLogger(WriterLock.class);

    private final Connection session;

    private WriterLock(Connection session) {
        this.session = session;
    }

    static WriterLock take(SharedCatalog catalog, boolean waitForOtherWriter)
            throws SharedCatalogUnavailableException {
        Connection session = catalog.connect();
        try {
            if (holds(session, "select pg_try_advisory_lock(?)")) {
                return new WriterLock(session);
            }
            if (waitForOtherWriter) {
                log.info("another load holds the shared catalog at {}: waiting for it to finish", catalog.address());
                try (PreparedStatement statement = session.prepareStatement("select pg_advisory_lock(?)")) {
                    statement.setLong(1, KEY);
                    statement.execute();
                }
                return new WriterLock(session);
            }
            session.close();
            throw new SharedCatalogUnavailableException("another load is running against the shared catalog at "
                    + catalog.address() + " (on this machine or another one that shares it); this one did nothing. "
                    + "Run it again once that load has finished", null);
        } catch (SQLException e) {
            closeQuietly(session);
            throw new SharedCatalogUnavailableException("the shared catalog at " + catalog.address()
                    + " refused the writer's lock (" + SharedCatalog.firstLine(e) + ")", e);
        }
    }

    private static boolean holds(Connection session, String sql) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setLong(1, KEY);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(Connection session) {
        try {
            session.close();
        } catch (SQLException e) {
            // the session's end frees the lock either way
        }
    }
}
