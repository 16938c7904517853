package cn.campaign.warehouse.job;

import cn.campaign.warehouse.catalog.WarehouseFolder;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job repository: an H2 database file in {@code warehouse/batch/}, kept with the warehouse, so that the
 * history of every run survives the process and a run killed half-way is found and closed by the next one.
 */
@Configuration
@EnableBatchProcessing
@EnableJdbcJobRepository(dataSourceRef = "batchDataSource", transactionManagerRef = "batchTransactionManager")
public class BatchInfrastructureConfig {

    /** Pooled, so that H2 opens the file once per run rather than once per transaction; closed with the run. */
    @Bean(destroyMethod = "dispose")
    public JdbcConnectionPool batchDataSource(LoadSettings settings) {
        WarehouseFolder warehouse = settings.warehouse();
        JdbcConnectionPool dataSource = JdbcConnectionPool.create(
                "jdbc:h2:file:" + warehouse.batch().resolve("job-repository") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        Integer tables = new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from information_schema.tables where table_name = 'BATCH_JOB_INSTANCE'",
                Integer.class);
        if (tables == null || tables == 0) {
            new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-h2.sql"))
                    .execute(dataSource);
        }
        return dataSource;
    }

    @Bean
    public DataSourceTransactionManager batchTransactionManager(DataSource batchDataSource) {
        return new DataSourceTransactionManager(batchDataSource);
    }
}
