package cn.campaign.warehouse.spark;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import cn.campaign.warehouse.cli.SqlStatements;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Entry point of {@code campaign-warehouse-spark.jar}: the report SQL on Apache Spark over the Iceberg star. */
@Command(name = "campaign-warehouse-spark", mixinStandardHelpOptions = true, subcommands = SparkMain.Sql.class,
        description = "The warehouse's tables and report views on Apache Spark, read from the star's Iceberg tables.")
public final class SparkMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkMain()).execute(args));
    }

    @Command(name = "sql", mixinStandardHelpOptions = true,
            description = {"Runs QUERY on Spark against the warehouse's tables and report views, read-only, and "
                    + "prints a table (--csv for CSV). With no QUERY, reads statements separated by ';' from "
                    + "standard input.", "Exit 0: every statement ran; 1: one failed (the later ones did not run)."})
    static final class Sql implements Callable<Integer> {

        @Option(names = "--warehouse", paramLabel = "DIR", defaultValue = "warehouse",
                description = "the warehouse folder (default: ${DEFAULT-VALUE})")
        Path warehouse;

        @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
                description = "Spark master URL (default: ${DEFAULT-VALUE}, two threads in this process)")
        String master;

        @Option(names = "--catalog-url", paramLabel = "JDBC_URL",
                defaultValue = "${env:CAMPAIGN_SHARED_CATALOG_URL}",
                description = {"the shared Iceberg catalog in PostgreSQL that the load publishes to (the setting "
                        + "shared.catalog.url; default: the variable CAMPAIGN_SHARED_CATALOG_URL), signing in as "
                        + "CAMPAIGN_SHARED_CATALOG_USER with CAMPAIGN_SHARED_CATALOG_PASSWORD when they are set;",
                        "without it, the catalog file of the warehouse folder"})
        String catalogUrl;

        @Option(names = "--csv", description = "print CSV instead of a table")
        boolean csv;

        @Parameters(arity = "0..1", paramLabel = "QUERY", description = "the SQL to run")
        String query;

        @Override
        public Integer call() throws Exception {
            String text = query != null ? query : new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            try (SparkWarehouse spark = SparkWarehouse.open(warehouse, master,
                    SparkWarehouse.Catalog.of(catalogUrl, System.getenv()))) {
                for (String statement : SqlStatements.split(text)) {
                    if (statement.isBlank()) {
                        continue;
                    }
                    try {
                        print(spark.sql(statement), csv, System.out);
                    } catch (RuntimeException e) {
                        System.err.println("query failed: " + e.getMessage());
                        return 1;
                    }
                }
            }
            return 0;
        }
    }

    static void print(Dataset<Row> result, boolean csv, PrintStream out) {
        if (!csv) {
            result.show(Integer.MAX_VALUE, false);
            return;
        }
        out.print(String.join(",", result.columns()) + "\r\n");
        List<Row> rows = result.collectAsList();
        for (Row row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length(); i++) {
                Object value = row.get(i);
                String cell = value == null ? "" : value.toString();
                boolean quote = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
                line.append(i == 0 ? "" : ",").append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
            }
            out.print(line + "\r\n");
        }
    }
}
