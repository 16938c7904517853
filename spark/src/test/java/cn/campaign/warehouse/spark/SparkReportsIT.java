package cn.campaign.warehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.PostgresServer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every report model computed by Spark over the Iceberg star equals, row by row and cell by cell (rates to 1e-9),
 * the table DuckDB computed in the load: after the demo's campaign (a correction, a quarantine), after later nights
 * that re-send rosters (position deletes in play), and after a load that compacts the star. The warehouse is built
 * by the main jar, as an operator builds it, with a shared catalog in a real PostgreSQL server: after the later
 * nights Spark finds the tables through that catalog, as a cluster would, and otherwise through the catalog file.
 */
class SparkReportsIT {

    private static final Path MAIN_JAR = Path.of("..", "target", "campaign-warehouse.jar").toAbsolutePath();

    @TempDir
    Path temp;
    Path warehouse;

    private String sharedCatalog;

    @Test
    void everyReportModelIsTheSameOnSparkAsOnDuckDb() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            sharedCatalog = postgres.newDatabase("campaign");

            // given the demo's warehouse (its correction and quarantine included)
            assertThat(MAIN_JAR).as("build the main jar first: mvn -q package -DskipTests").exists();
            warehouse = temp.resolve("warehouse");
            run(Map.of(), "demo", "--warehouse", warehouse.toString(), "--out", temp.resolve("publish").toString());

            // then
            assertSameOnBothEngines(SparkWarehouse.Catalog.OF_THE_WAREHOUSE);

            // when later nights re-send rosters: new versions replace rows of dim_graduate by position deletes
            // (they re-send every roster, so the default thresholds would rebuild the tables whole and compact at
            // once: both are raised for these loads)
            loadNights("2022-05-16", 2, "1");

            // then, read through the shared catalog the load published to
            SparkWarehouse.Catalog shared = SparkWarehouse.Catalog.of(sharedCatalog, Map.of());
            assertThat(deleteFiles(shared)).as("position-delete files in the star's current snapshots").isPositive();
            assertSameOnBothEngines(shared);

            // when one more night is loaded with a threshold that compacts every table with deletes
            loadNights("2022-05-18", 1, "0");

            // then
            assertThat(deleteFiles(SparkWarehouse.Catalog.OF_THE_WAREHOUSE)).as("no delete file after compaction")
                    .isZero();
            assertSameOnBothEngines(SparkWarehouse.Catalog.OF_THE_WAREHOUSE);

            // and the runner reads statements from its input, split at the semicolons that end them only
            assertThat(runnerOutput("select 'a;b' as x; select 2 as y")).contains("x\r\na;b\r\n", "y\r\n2\r\n");
        }
    }

    private String runnerOutput(String input) {
        java.io.InputStream in = System.in;
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int status = new picocli.CommandLine(new SparkMain()).execute("sql", "--warehouse", warehouse.toString(),
                    "--csv");
            assertThat(status).as("the runner's exit status").isZero();
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
        return printed.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Generates {@code days} nights of the demo's campaign from {@code from} and loads them with the demo's key. */
    private void loadNights(String from, int days, String compactionShare) throws Exception {
        Path inbox = temp.resolve("nights-" + from);
        run(Map.of(), "generate", "--out", inbox.toString(), "--scale", "0.002", "--from", from,
                "--days", String.valueOf(days), "--seed", "2022");
        run(Map.of("CAMPAIGN_INBOX_SETTLE_SECONDS", "0", "CAMPAIGN_STAR_COMPACTION_DELETED_SHARE", compactionShare,
                        "CAMPAIGN_LOAD_REBUILD_SHARE", "2", "CAMPAIGN_SHARED_CATALOG_URL", sharedCatalog),
                "load", "--warehouse", warehouse.toString(), "--inbox", inbox.toString(), "--key-file",
                temp.resolve("demo.key").toString());
    }

    private void assertSameOnBothEngines(SparkWarehouse.Catalog tables) throws Exception {
        Map<String, String> models = ReportModels.inOrder();
        try (SparkWarehouse spark = SparkWarehouse.open(warehouse, "local[2]", tables)) {
            for (String model : models.keySet()) {
                List<List<Object>> onSpark = sorted(spark.sql("select * from " + model).collectAsList().stream()
                        .map(SparkReportsIT::cells).toList());
                List<List<Object>> onDuckDb = sorted(duckDbRows(model));
                assertThat(onSpark).as("%s: Spark's rows against DuckDB's", model).hasSameSizeAs(onDuckDb);
                assertThat(onDuckDb).as("%s has rows to compare", model).isNotEmpty();
                for (int i = 0; i < onDuckDb.size(); i++) {
                    assertThat(onSpark.get(i)).as("%s, row %d", model, i).isEqualTo(onDuckDb.get(i));
                }
            }
        }
    }

    private List<List<Object>> duckDbRows(String model) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse.resolve(
                "campaign.duckdb"), readOnly);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select * from " + model)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(normal(result.getObject(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Object> cells(Row row) {
        List<Object> cells = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            cells.add(normal(row.get(i)));
        }
        return cells;
    }

    /** A cell as both engines must agree on it: numbers to 10 significant digits, dates as text. */
    private static Object normal(Object value) {
        if (value instanceof Number number) {
            BigDecimal exact = new BigDecimal(number.toString());
            return exact.round(new MathContext(10)).stripTrailingZeros().toPlainString();
        }
        if (value instanceof java.sql.Date || value instanceof java.time.LocalDate) {
            return value.toString();
        }
        return value;
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Object::toString));
        return copy;
    }

    /** The delete files of the star's tables, as Iceberg's metadata tables list them. */
    private long deleteFiles(SparkWarehouse.Catalog tables) throws Exception {
        long files = 0;
        try (SparkWarehouse spark = SparkWarehouse.open(warehouse, "local[2]", tables)) {
            for (Row table : spark.sql("show tables in " + SparkWarehouse.CATALOG + ".star").collectAsList()) {
                files += spark.sql("select count(*) from " + SparkWarehouse.CATALOG + ".star." + table.getString(1)
                        + ".delete_files").first().getLong(0);
            }
        }
        return files;
    }

    private void run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", MAIN_JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("main-jar.log").toFile());
        builder.environment().putAll(environment);
        int status = builder.start().waitFor();
        assertThat(status).as(String.join(" ", args) + ":\n" + Files.readString(temp.resolve("main-jar.log")))
                .isIn(0, 2);
    }
}
