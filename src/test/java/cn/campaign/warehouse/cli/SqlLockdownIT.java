package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sql} is read-only for the host too (surface §1): an analyst's query reaches the warehouse's own tables
 * and views and nothing else, through every DuckDB function family that touches files, and at the prompt.
 */
class SqlLockdownIT {

    @TempDir
    static Path temp;
    static CliHarness cli;
    static Path outside;

    /** One warehouse for every query: a query that changed it would fail its own test and the next. */
    @BeforeAll
    static void oneNightLoaded() throws Exception {
        cli = new CliHarness(temp, "");
        cli.deliverOneFair();
        assertThat(cli.load()).isZero();
        outside = Files.writeString(temp.resolve("outside.csv"), "secret\nline\n");
    }

    static Stream<Arguments> hostileQueries() {
        return Stream.of(
                Arguments.of("COPY over the catalog", "copy (select 'x') to 'W/campaign.duckdb' (format csv)"),
                Arguments.of("COPY to a new file", "copy (select * from dim_source) to 'T/leak.csv'"),
                Arguments.of("EXPORT DATABASE", "export database 'T/export'"),
                Arguments.of("read_blob of the environment", "select content from read_blob('/proc/self/environ')"),
                Arguments.of("read_text", "select content from read_text('/proc/self/environ')"),
                Arguments.of("read_csv outside", "select * from read_csv('T/outside.csv')"),
                Arguments.of("read_csv_auto by file name", "select * from 'T/outside.csv'"),
                Arguments.of("read_json", "select * from read_json('T/outside.csv')"),
                Arguments.of("read_parquet of the star", "select * from read_parquet('W/star/*/data/*.parquet')"),
                Arguments.of("parquet_metadata", "select * from parquet_metadata('W/star/*/data/*.parquet')"),
                Arguments.of("sniff_csv", "select * from sniff_csv('T/outside.csv')"),
                Arguments.of("glob", "select * from glob('/etc/*')"),
                Arguments.of("ATTACH the staging store read-write",
                        "attach 'W/staging/records.duckdb' as s (read_only false)"),
                Arguments.of("ATTACH read-only", "attach 'W/staging/records.duckdb' as s (read_only)"),
                Arguments.of("ATTACH a new database", "attach 'T/new.duckdb' as n"),
                Arguments.of("SET external access back on", "set enable_external_access = true"),
                Arguments.of("SET the lock off", "set lock_configuration = false"),
                Arguments.of("SET allowed directories", "set allowed_directories = ['/']"),
                Arguments.of("RESET", "reset enable_external_access"),
                Arguments.of("PRAGMA that writes a profile", "pragma enable_profiling = 'json'"),
                Arguments.of("INSTALL", "install httpfs"),
                Arguments.of("LOAD an extension not built in", "load httpfs"),
                Arguments.of("CREATE in the catalog", "create table x (a integer)"),
                Arguments.of("DROP from the catalog", "drop table dim_source"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileQueries")
    void aQueryReachingBeyondTheWarehouseFailsAndChangesNothing(String what, String template) throws Exception {
        // given
        byte[] catalog = Files.readAllBytes(cli.warehouse.resolve("campaign.duckdb"));
        List<String> filesBefore = files();
        String query = template.replace("W/", cli.warehouse + "/").replace("T/", temp + "/");

        // when
        int status = cli.run("sql", "--warehouse", cli.warehouse.toString(), query);

        // then
        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).startsWith("query failed: ").doesNotContain("secret")
                .doesNotContain("0123456789abcdef");
        assertThat(Files.readAllBytes(cli.warehouse.resolve("campaign.duckdb"))).isEqualTo(catalog);
        assertThat(files()).isEqualTo(filesBefore);
    }

    @Test
    void theWarehouseOwnTablesAndViewsStillAnswer() {
        // when
        int status = cli.run("sql", "--warehouse", cli.warehouse.toString(),
                "select fairs from campaign_totals where campaign_id = '2022-sprint'");

        // then
        assertThat(status).isZero();
        assertThat(cli.lastOutput()).contains("fairs", "1", "(1 row)");
    }

    @Test
    void aQueryLargerThanTheSessionsMemoryFailsRatherThanSpillFilesIntoTheWarehouse() throws Exception {
        // given an operator's memory limit for sql sessions, and a sort far larger than it
        Path jobs = jobsWith("jobs-small-sessions", "sql.memory.limit=64MB\n");
        List<String> filesBefore = files();

        // when
        int status = cli.run("sql", "--warehouse", cli.warehouse.toString(), "--jobs", jobs.toString(),
                "select count(*) from (select x from range(20000000) as t(x) order by hash(x))");

        // then it failed, saying why and what to do, and wrote nothing (DuckDB spills into campaign.duckdb.tmp/)
        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("query failed: Out of Memory Error",
                "The query needs more memory than a sql session may use (the setting sql.memory.limit")
                .doesNotContain("temp_directory", "SET memory_limit");
        assertThat(files()).isEqualTo(filesBefore);
    }

    @Test
    void aMemoryLimitThatIsNoAmountIsRefusedBySaying() throws Exception {
        // given
        Path jobs = jobsWith("jobs-bad-limit", "sql.memory.limit=lots\n");

        // when
        int status = cli.run("sql", "--warehouse", cli.warehouse.toString(), "--jobs", jobs.toString(),
                "select 1");

        // then
        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("the setting sql.memory.limit is 'lots' in "
                + jobs.resolve("load.properties"), ", which is not an amount of memory above zero, such as 8GB");
    }

    @Test
    void thePromptIsLockedDownToo() throws Exception {
        // given an analyst typing at the prompt
        String typed = """
                select content from read_text('/proc/self/environ');
                set enable_external_access = true;
                copy (select 1) to '%s/leak.csv';
                select count(*) as sources from dim_source;
                .quit
                """.formatted(temp);
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
        int status;
        try {
            // when
            status = cli.run("sql", "--warehouse", cli.warehouse.toString(), "--history",
                    temp.resolve("history").toString());
        } finally {
            System.setIn(stdin);
        }

        // then
        assertThat(status).isZero();
        assertThat(cli.lastOutput()).contains("file system operations are disabled by configuration")
                .contains("the configuration has been locked").contains("sources");
        assertThat(temp.resolve("leak.csv")).doesNotExist();
        assertThat(cli.lastOutput()).doesNotContain("0123456789abcdef");
    }

    /** An operator's configuration beside the harness's, with these settings. */
    private static Path jobsWith(String folder, String loadProperties) throws Exception {
        Path jobs = Files.createDirectories(temp.resolve(folder));
        Files.copy(cli.jobs.resolve("sources.csv"), jobs.resolve("sources.csv"));
        Files.copy(cli.jobs.resolve("campaigns.csv"), jobs.resolve("campaigns.csv"));
        Files.writeString(jobs.resolve("load.properties"), loadProperties);
        return jobs;
    }

    private static List<String> files() throws Exception {
        try (Stream<Path> paths = Files.walk(temp)) {
            return paths.map(Path::toString).filter(p -> !p.contains(".wal")).sorted().toList();
        }
    }
}
