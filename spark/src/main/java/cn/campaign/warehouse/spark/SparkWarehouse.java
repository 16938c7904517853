package cn.campaign.warehouse.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;

/**
 * The warehouse as Spark sees it: the star's Iceberg tables through Iceberg's JDBC catalog, opened read-only on
 * the committed campaign.duckdb (the same pointers DuckDB's readers see, so the same state), the small tables the
 * load keeps only in the catalog (references, the state's as-of date) copied out of it, and every report model as
 * a view over them, from the same SQL text DuckDB runs.
 */
final class SparkWarehouse implements AutoCloseable {

    static final String CATALOG = "campaign";

    private final SparkSession spark;
    private final Path scratch;

    private SparkWarehouse(SparkSession spark, Path scratch) {
        this.spark = spark;
        this.scratch = scratch;
    }

    /**
     * Where Spark finds the star's Iceberg tables: the catalog file of the warehouse folder (url null), or the shared
     * catalog in PostgreSQL the load publishes each committed state to.
     */
    record Catalog(String url, String user, String password) {

        static final Catalog OF_THE_WAREHOUSE = new Catalog(null, null, null);

        static Catalog of(String url, Map<String, String> environment) {
            if (url == null || url.isBlank()) {
                return OF_THE_WAREHOUSE;
            }
            return new Catalog(url, environment.get("CAMPAIGN_SHARED_CATALOG_USER"),
                    environment.get("CAMPAIGN_SHARED_CATALOG_PASSWORD"));
        }
    }

    /**
     * A session on {@code master} (local[2] on this machine) with the warehouse's tables, found through
     * {@code tables}, and its report views.
     */
    static SparkWarehouse open(Path warehouse, String master, Catalog tables) throws SQLException, IOException {
        Path catalog = warehouse.resolve("campaign.duckdb").toAbsolutePath();
        if (!Files.isRegularFile(catalog)) {
            throw new IllegalArgumentException("there is no warehouse at " + warehouse.toAbsolutePath()
                    + " (no campaign.duckdb); run load first or pass --warehouse DIR");
        }
        String prefix = "spark.sql.catalog." + CATALOG;
        SparkSession.Builder builder = SparkSession.builder().master(master).appName("campaign-warehouse")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC")
                .config(prefix, "org.apache.iceberg.spark.SparkCatalog")
                .config(prefix + ".type", "jdbc")
                .config(prefix + ".warehouse", warehouse.resolve("star").toAbsolutePath().toString())
                // the pointers are read where a load moves them, the catalog file being replaced: no cache
                .config(prefix + ".cache-enabled", "false");
        if (tables.url() == null) {
            builder.config(prefix + ".uri", "jdbc:duckdb:" + catalog).config(prefix + ".jdbc.duckdb.read_only", "true");
        } else {
            builder.config(prefix + ".uri", tables.url());
            if (tables.user() != null) {
                builder.config(prefix + ".jdbc.user", tables.user());
            }
            if (tables.password() != null) {
                builder.config(prefix + ".jdbc.password", tables.password());
            }
        }
        SparkSession spark = builder.getOrCreate();
        SparkWarehouse opened = new SparkWarehouse(spark, Files.createTempDirectory("campaign-spark"));
        opened.register(catalog);
        return opened;
    }

    Dataset<Row> sql(String query) {
        return spark.sql(query);
    }

    private void register(Path catalog) throws SQLException {
        List<String> iceberg = new ArrayList<>();
        for (Row row : spark.sql("show tables in " + CATALOG + ".star").collectAsList()) {
            String table = row.getString(1);
            iceberg.add(table);
            spark.table(CATALOG + ".star." + table).createOrReplaceTempView(table);
        }
        Map<String, String> models = ReportModels.inOrder();
        copyCatalogOnlyTables(catalog, iceberg, models);
        for (Map.Entry<String, String> model : models.entrySet()) {
            spark.sql("create or replace temporary view " + model.getKey() + " as\n" + model.getValue());
        }
    }

    /**
     * The tables the models read that are neither Iceberg tables nor models (the provinces' names, the state's as-of
     * date): small, kept in the catalog alone, copied out as Parquet by DuckDB itself so that every type survives.
     */
    private void copyCatalogOnlyTables(Path catalog, List<String> iceberg, Map<String, String> models)
            throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + catalog, readOnly);
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select table_name from duckdb_tables() "
                    + "where not internal and schema_name = 'main'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                if (iceberg.contains(table) || models.containsKey(table)
                        || models.values().stream().noneMatch(sql -> ReportModels.reads(sql, table))) {
                    continue;
                }
                Path file = scratch.resolve(table + ".parquet");
                statement.execute("copy " + table + " to '" + file.toString().replace("'", "''")
                        + "' (format parquet)");
                spark.read().parquet(file.toString()).createOrReplaceTempView(table);
            }
        }
    }

    /**
     * Stops the session and closes the Iceberg catalog's connections to campaign.duckdb: DuckDB keeps a database open
     * in this process while any connection to it is, so a later session would still read the file a load replaced.
     */
    @Override
    public void close() throws IOException {
        try {
            if (spark.sessionState().catalogManager().catalog(CATALOG) instanceof SparkCatalog iceberg
                    && iceberg.icebergCatalog() instanceof java.io.Closeable closeable) {
                closeable.close();
            }
        } finally {
            spark.stop();
        }
        try (var files = Files.walk(scratch)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
