package cn.campaign.warehouse.iceberg;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.apache.iceberg.jdbc.JdbcClientPool;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.duckdb.DuckDBConnection;

/**
 * Iceberg's JDBC catalog working in the DuckDB database a load builds: its connections are duplicates of the
 * build's own, so the tables' metadata pointers are written into the same file as the star schema and committed
 * with it. DuckDB lets one process open a database file once; a duplicate shares that instance.
 */
final class CatalogConnectionPool extends JdbcClientPool {

    private final DuckDBConnection database;

    CatalogConnectionPool(DuckDBConnection database, Map<String, String> properties) {
        super(1, "jdbc:duckdb:", properties);
        this.database = database;
    }

    @Override
    protected Connection newClient() {
        try {
            return database.duplicate();
        } catch (SQLException e) {
            throw new UncheckedSQLException(e, "cannot open a connection to the warehouse catalog being built");
        }
    }

    @Override
    protected Connection reconnect(Connection client) {
        close(client);
        return newClient();
    }

    @Override
    protected void close(Connection client) {
        try {
            client.close();
        } catch (SQLException e) {
            throw new UncheckedSQLException(e, "cannot close a connection to the warehouse catalog being built");
        }
    }
}
