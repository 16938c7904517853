package cn.campaign.warehouse.job;

import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The job repository, in the {@link JobHistoryDatabase} the settings name, so that the history of every run
 * survives the process and a run killed half-way is found and closed by the next one.
 */
@Configuration
@EnableBatchProcessing
@EnableJdbcJobRepository(dataSourceRef = "batchDataSource", transactionManagerRef = "batchTransactionManager")
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
