package cn.campaign.warehouse.job;

import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.Isolation;

/**
 * The job repository, in the {@link JobHistoryDatabase} the settings name, so that the history of every run
 * survives the process and a run killed half-way is found and closed by the next one.
 *
 * <p>Spring Batch creates executions in serializable transactions by default, to keep two processes from starting
 * the same job instance at once. Here the warehouse's lock (and, with a shared catalog, the writers' lock) already
 * keeps a second load out, while one load's own steps start side by side (the staging beside the copy of the
 * committed state): on a busy machine PostgreSQL's serializable isolation refused one of those inserts as a
 * conflict and failed the night. Read-committed creates lose nothing the locks do not already guarantee.
 */
@Configuration
@EnableBatchProcessing
@EnableJdbcJobRepository(dataSourceRef = "batchDataSource", transactionManagerRef = "batchTransactionManager",
        isolationLevelForCreate = Isolation.READ_COMMITTED)
public class BatchInfrastructureConfig {

    /** Closed with the run. */
    @Bean(destroyMethod = "close")
    public JobHistoryDatabase jobHistoryDatabase(LoadSettings settings) {
        return JobHistoryDatabase.of(settings.warehouse(), settings.sharedCatalog()).withTables();
    }

    @Bean(destroyMethod = "")
    public DataSource batchDataSource(JobHistoryDatabase jobHistoryDatabase) {
        return jobHistoryDatabase.dataSource();
    }

    @Bean
    public DataSourceTransactionManager batchTransactionManager(DataSource batchDataSource) {
        return new DataSourceTransactionManager(batchDataSource);
    }
}
