package cn.campaign.warehouse.shared;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.LoaderTable;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.config.SharedCatalogAddress;
import cn.campaign.warehouse.iceberg.TablePointers;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/** The PostgreSQL database at one address, as the load, {@code status} and the job history use it. */
public final class SharedCatalog {

    private final SharedCatalogAddress address;

    public SharedCatalog(SharedCatalogAddress address) {
        this.address = address;
    }

    public SharedCatalogAddress address() {
        return address;
    }

    /** A new connection, or a sentence saying the database cannot be reached and what to check. */
    public Connection connect() throws SharedCatalogUnavailableException {
        try {
            return DriverManager.getConnection(address.url(), signIn());
        } catch (SQLException e) {
            throw new SharedCatalogUnavailableException("the shared catalog at " + address + " cannot be reached ("
                    + firstLine(e) + "); check shared.catalog.url, the user and password, and that PostgreSQL is "
                    + "running", e);
        }
    }

    /** A pool for Spring Batch's job repository in this database; the caller closes it. */
    public HikariDataSource jobHistory() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(address.url());
        config.setDataSourceProperties(signIn());
        config.setPoolName("job-history");
        config.setMaximumPoolSize(4);
        // the first connection is made when the job needs it, so that an unreachable database fails with a sentence
        config.setInitializationFailTimeout(-1);
        // status on a machine that cannot reach the database answers in seconds, not after Hikari's 30
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }

    /**
     * Takes the lock that makes this process the only one loading into the warehouses of this database; while
     * another process holds it, waits for it when {@code waitForOtherWriter}, else refuses with a sentence.
     */
    public WriterLock lockForWriting(boolean waitForOtherWriter) throws SharedCatalogUnavailableException {
        return WriterLock.take(this, waitForOtherWriter);
    }

    /**
     * Makes the shared Iceberg catalog point every star table where the committed catalog of {@code warehouse}
     * does, in one transaction, and returns how many tables it moved (0: it already did). Run after each commit, and
     * before each load, which brings a catalog that a failed or killed run left behind up to date.
     */
    public int publish(WarehouseFolder warehouse) throws SQLException, SharedCatalogUnavailableException {
        // SQLException: the committed catalog file could not be read; the shared catalog's failures are sentences
        if (!warehouse.hasCatalog()) {
            return 0;
        }
        List<TablePointers.Pointer> pointers;
        try (Connection committed = Duck.openReadOnly(warehouse.catalog())) {
            pointers = TablePointers.recordedIn(committed, LoaderTable.ICEBERG_POINTERS.table());
        }
        try (Connection shared = connect()) {
            try {
                TablePointers.prepareCatalogAt(address.url(), signIn(), warehouse.star());
                return TablePointers.copyInto(shared, LoaderTable.ICEBERG_POINTERS.table(), pointers);
            } catch (SQLException | RuntimeException e) {
                throw new SharedCatalogUnavailableException("the shared catalog at " + address + " could not be "
                        + "updated (" + firstLine(e) + ")", e);
            }
        } catch (SQLException e) {
            throw new SharedCatalogUnavailableException("the shared catalog at " + address + " could not be "
                    + "updated (" + firstLine(e) + ")", e);
        }
    }

    Properties signIn() {
        Properties properties = new Properties();
        if (!address.user().isEmpty()) {
            properties.setProperty("user", address.user());
        }
        if (!address.password().isEmpty()) {
            properties.setProperty("password", address.password());
        }
        return properties;
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
