package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.DeliveryFixture;
import cn.campaign.warehouse.testing.WarehouseDump;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A load starts from the standby (the state before the committed one) brought up to date with the last load's
 * changes only when the standby is exactly the state those changes lead from; any other standby is left alone and
 * the committed state copied, and the result is the same.
 */
class StandbyStateIT {

    @TempDir
    Path temp;
    CliHarness cli;
    Path standby;

    @BeforeEach
    void twoNightsLoaded() throws Exception {
        // one-fair nights touch every identity: keep the identity-by-identity path, whose changes are recorded
        cli = new CliHarness(temp.resolve("operator"), "inbox.settle.seconds=0\nload.rebuild.share=2\n");
        standby = cli.warehouse.resolve("standby/campaign.duckdb");
        night("2022-05-09");
        night("2022-05-10");
        assertThat(standby).exists();
        assertThat(cli.warehouse.resolve("standby/changes.duckdb")).exists();
    }

    @Test
    void theBuildGoesOnInTheConnectionThatBroughtTheStandbyUpToDate() throws Exception {
        // given the next night in the inbox
        deliverNight("2022-05-11");

        // when it loads, its steps logged
        assertThat(cli.run("load", "--log-level", "DEBUG", "--warehouse", cli.warehouse.toString(), "--jobs",
                cli.jobs.toString(), "--inbox", cli.inbox.toString(), "--key-file", cli.keyFile.toString()))
                .as(cli.lastOutput()).isZero();

        // then the build did not open the standby a second time, and the warehouse equals one load of every night
        assertThat(cli.lastOutput()).contains("standby state brought up to date")
                .contains("the build goes on in the standby state's connection");
        assertThat(WarehouseDump.of(cli.warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce()));
    }

    @Test
    void aStandbyThatIsTheCommittedFileItselfIsNeverWritten() throws Exception {
        // given the two names of one file that a load stopped between keeping the standby and its rename leaves
        Files.delete(standby);
        Files.createLink(standby, cli.warehouse.resolve("campaign.duckdb"));

        // when the next night loads
        night("2022-05-11");

        // then it copied the committed state, and the warehouse equals one load of every night
        assertThat(cli.lastOutput()).contains("copying the committed state: the standby state is the committed file "
                + "itself");
        assertThat(WarehouseDump.of(cli.warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce()));
    }

    @Test
    void aStandbyOfAnotherStateIsNotBroughtUpToDate() throws Exception {
        // given a standby two states old: the changes recorded lead from the state after the first night
        Path older = temp.resolve("older.duckdb");
        Files.copy(standby, older);
        night("2022-05-11");
        Files.copy(older, standby, StandardCopyOption.REPLACE_EXISTING);

        // when the next night loads
        night("2022-05-12");

        // then
        assertThat(cli.lastOutput()).contains("the standby state could not be brought up to date (the standby holds ")
                .contains("but the recorded changes lead from ");
        assertThat(WarehouseDump.of(cli.warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce()));
    }

    @Test
    void aStandbyWhoseTablesDifferFromTheCommittedOnesIsNotBroughtUpToDate() throws Exception {
        // given a standby someone added a table to
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + standby);
             Statement statement = connection.createStatement()) {
            statement.execute("create table scratch_notes as select 1 as note");
        }

        // when the next night loads
        night("2022-05-11");

        // then
        assertThat(cli.lastOutput()).contains("definitions of tables, views or comments differ from the committed "
                + "state's");
        assertThat(WarehouseDump.of(cli.warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce()));
        // and the night after starts from the standby again
        night("2022-05-12");
        assertThat(cli.lastOutput()).contains("standby state brought up to date");
        assertThat(WarehouseDump.of(cli.warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce()));
    }

    @Test
    void theRowsANightWroteToTheStarAreReadFromItsDataFileNotCopied() throws Exception {
        // given the changes the second night recorded
        Path changes = cli.warehouse.resolve("standby/changes.duckdb");

        // then the fair it wrote is named by the star's data file that holds it, and not copied
        List<String> files = CliHarness.queryFile(changes, "select file from written_files "
                + "where table_name = 'fact_fair'");
        assertThat(files).hasSize(1);
        assertThat(cli.warehouse.resolve("star").resolve(files.get(0))).isRegularFile();
        assertThat(CliHarness.queryFile(changes, "select row_count from written_files "
                + "where table_name = 'fact_fair'")).containsExactly("1");
        assertThat(CliHarness.queryFile(changes, "select table_name from duckdb_tables()"))
                .doesNotContain("written_fact_fair").contains("replaced_fact_fair");

        // and the next night starts from the standby brought up to date from that file
        night("2022-05-11");
        assertThat(cli.lastOutput()).contains("standby state brought up to date");
        assertThat(WarehouseDump.of(cli.warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a row more than the file holds | update written_files set row_count = row_count + 1 \
                | holds 1 rows, not the 2 the last load wrote to fact_fair
            a file no longer there | update written_files set file = 'fact_fair/data/gone.parquet' \
                | gone.parquet, which holds the rows the last load wrote to fact_fair, is gone
            """)
    void aStarDataFileThatDoesNotHoldTheRowsRecordedIsNotUsed(String recorded, String update, String reason)
            throws Exception {
        // given changes that say something else of the fair's data file than it is
        recordedChanges(update);

        // when the next night loads
        night("2022-05-11");

        // then it copied the committed state, and the warehouse equals one load of every night
        assertThat(cli.lastOutput()).contains("the standby state could not be brought up to date (the star's data "
                + "file ").contains(reason);
        assertThat(WarehouseDump.of(cli.warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce()));
    }

    private void recordedChanges(String update) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"
                + cli.warehouse.resolve("standby/changes.duckdb"));
             Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate(update)).isEqualTo(1);
        }
    }

    private void night(String date) throws Exception {
        deliverNight(date);
        assertThat(cli.load()).as(cli.lastOutput()).isZero();
    }

    private void deliverNight(String date) throws Exception {
        new DeliveryFixture("PROV-41", date, 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR.replace("F1", "F" + date)
                        .replace("2022-05-09", date))
                .writeZip(cli.inbox, "PROV-41_" + date.replace("-", "") + "_1.zip");
    }

    private Path loadAtOnce() throws Exception {
        Path warehouse = temp.resolve("at-once-" + System.nanoTime());
        assertThat(cli.load(warehouse, cli.inbox)).isZero();
        return warehouse;
    }
}
