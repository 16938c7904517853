package cn.campaign.warehouse.job;

import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.shared.SharedCatalog;
import com.zaxxer.hikari.HikariDataSource;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Where Spring Batch keeps the history of load runs: an H2 file in {@code warehouse/batch/}, or, with a shared
 * catalog, its PostgreSQL database, where a standby machine continues it and {@code status} reads it from anywhere.
 */
public final class JobHistoryDatabase implements AutoCloseable {

    /** The newest load run the history records. */
    public record LastRun(long id, LocalDateTime started, LocalDateTime ended, String status, String exitCode) {
    }

    private final DataSource dataSource;
    private final String where;
    private final Runnable closer;

    private JobHistoryDatabase(DataSource dataSource, String where, Runnable closer) {
        this.dataSource = dataSource;
        this.where = where;
        this.closer = closer;
    }

    public static JobHistoryDatabase of(WarehouseFolder warehouse, Optional<SharedCatalog> shared) {
        return of(warehouse, shared, "");
    }

    private static JobHistoryDatabase of(WarehouseFolder warehouse, Optional<SharedCatalog> shared, String h2Options) {
        if (shared.isPresent()) {
            HikariDataSource pool = shared.get().jobHistory();
            return new JobHistoryDatabase(pool, "postgresql", pool::close);
        }
        // pooled, so that H2 opens the file once per run rather than once per transaction
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:"
                + warehouse.batch().resolve("job-repository") + ";DB_CLOSE_ON_EXIT=FALSE" + h2Options, "sa", "");
        return new JobHistoryDatabase(pool, "h2", pool::dispose);
    }

    /**
     * The newest load run of the warehouse's history, for {@code status}, which must not create a history where there
     * is none; a sentence instead when the history cannot be read (an H2 file is held by the load that is running).
     */
    public static LastRunOrReason lastRunOf(WarehouseFolder warehouse, Optional<SharedCatalog> shared) {
        try (JobHistoryDatabase history = of(warehouse, shared, ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r")) {
            return new LastRunOrReason(history.lastRun().orElse(null), null);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String message = String.valueOf(root.getMessage());
            if (message.contains("not found")) {
                return new LastRunOrReason(null, null);
            }
            return new LastRunOrReason(null, message.contains("already in use")
                    ? "the job history is open in a load that is running now"
                    : "the job history cannot be read: " + message.lines().findFirst().orElse(message));
        }
    }

    /** The newest run, or why it cannot be told (both null: no run yet). */
    public record LastRunOrReason(LastRun run, String unreadable) {
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Creates Spring Batch's tables where they are missing (a new warehouse, or a new shared database). */
    JobHistoryDatabase withTables() {
        if (!hasTables()) {
            new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-" + where
                    + ".sql")).execute(dataSource);
        }
        return this;
    }

    /** The newest run, if the history has any. */
    public Optional<LastRun> lastRun() {
        if (!hasTables()) {
            return Optional.empty();
        }
        List<LastRun> runs = new JdbcTemplate(dataSource).query("""
                select job_execution_id, start_time, end_time, status, exit_code from batch_job_execution
                order by job_execution_id desc limit 1""", (row, index) -> new LastRun(row.getLong(1),
                row.getObject(2, LocalDateTime.class), row.getObject(3, LocalDateTime.class), row.getString(4),
                row.getString(5)));
        return runs.stream().findFirst();
    }

    private boolean hasTables() {
        Integer tables = new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from information_schema.tables where lower(table_name) = 'batch_job_instance'",
                Integer.class);
        return tables != null && tables > 0;
    }

    @Override
    public void close() {
        closer.run();
    }
}
