package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.DeliveryFixture;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a tired operator or a curious analyst does by mistake: another key, folders inside one another, two
 * publishes at once, a crash while replacing a snapshot. Each is refused with a sentence that says what to do, or
 * recovered, and nothing already loaded or published is lost.
 */
class CarelessOperatorIT {

    @TempDir
    Path temp;
    CliHarness cli;

    @BeforeEach
    void oneNightLoaded() throws Exception {
        cli = new CliHarness(temp, "");
        new DeliveryFixture("PROV-41", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR)
                .fileBytes("institutions.csv", "institution", """
                        institution_code,name,province_code,level,founded_year
                        4141010001,"\t=HYPERLINK(""http://x"")",41,vocational,2012
                        4141010002,"\r+1",41,vocational,2012
                        """.getBytes(StandardCharsets.UTF_8), 2)
                .writeZip(cli.inbox, "PROV-41_20220509_1.zip");
        assertThat(cli.load()).isZero();
    }

    @Test
    void aLoadUnderAnotherKeyIsRefusedAndChangesNothing() throws Exception {
        // given the next night's delivery, and an operator who exported another key
        byte[] catalog = Files.readAllBytes(cli.warehouse.resolve("campaign.duckdb"));
        new DeliveryFixture("PROV-41", "2022-05-10", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR.replace("F1", "F2"))
                .writeZip(cli.inbox, "PROV-41_20220510_1.zip");
        Path otherKey = Files.writeString(temp.resolve("other.key"), "fedcba9876543210fedcba9876543210");

        // when
        int status = cli.run("load", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--inbox", cli.inbox.toString(), "--key-file", otherKey.toString());

        // then
        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("load failed: the pseudonymisation key is not the key this warehouse "
                + "was built with").contains("a new key means a new warehouse");
        assertThat(Files.readAllBytes(cli.warehouse.resolve("campaign.duckdb"))).isEqualTo(catalog);
        assertThat(Files.readString(cli.warehouse.resolve("key.fingerprint"))).doesNotContain("fedcba98")
                .doesNotContain("01234567");

        // and the right key still loads
        assertThat(cli.load()).isZero();
    }

    @Test
    void anInboxInsideTheWarehouseIsRefusedAndNotDeleted() throws Exception {
        // given an inbox the operator put under the warehouse's work folder
        Path nested = Files.createDirectories(cli.warehouse.resolve("tmp/inbox"));
        Files.copy(cli.inbox.resolve("PROV-41_20220509_1.zip"), nested.resolve("PROV-41_20220509_1.zip"));

        // when
        int status = cli.load(cli.warehouse, nested);

        // then
        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("load failed: the inbox").contains("lies inside the warehouse folder")
                .contains("nothing was done");
        assertThat(nested.resolve("PROV-41_20220509_1.zip")).exists();
    }

    @Test
    void theWarehouseAsItsOwnInboxIsRefused() {
        // when
        int status = cli.load(cli.warehouse, cli.warehouse);

        // then
        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("are the same folder");
        assertThat(cli.warehouse.resolve("campaign.duckdb")).exists();
    }

    @Test
    void aSnapshotFolderInsideTheWarehouseIsRefused() {
        // when
        int status = cli.run("publish", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--as-of", "2022-05-09", "--out", cli.warehouse.resolve("star").toString());

        // then
        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("publish failed: the snapshot folder")
                .contains("lies inside the warehouse folder");
        assertThat(cli.warehouse.resolve("star/2022-05-09")).doesNotExist();
    }

    @Test
    void aFormulaBehindATabOrCarriageReturnIsNeutralised() throws Exception {
        // when
        assertThat(publish(false)).isZero();

        // then
        String csv = Files.readString(temp.resolve("publish/2022-05-09/institution_visit_compliance.csv"));
        assertThat(csv).contains("\"'\t=HYPERLINK(\"\"http://x\"\")\"").contains("\"'\r+1\"");
    }

    @Test
    void aReplacementThatACrashInterruptedIsUndoneOrFinishedByTheNextPublish() throws Exception {
        // given a published snapshot, moved aside by a publish --force that was killed before the new one was in
        assertThat(publish(false)).isZero();
        Path out = temp.resolve("publish");
        byte[] before = Files.readAllBytes(out.resolve("2022-05-09/campaign_totals.csv"));
        Files.move(out.resolve("2022-05-09"), out.resolve(".2022-05-09.replaced"));
        Files.createDirectories(out.resolve(".2022-05-09.partial"));

        // when the next publish runs (of any date)
        assertThat(cli.run("publish", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--as-of", "2022-05-08", "--out", out.toString())).isZero();

        // then the old snapshot is back, and nothing half-written is left
        assertThat(Files.readAllBytes(out.resolve("2022-05-09/campaign_totals.csv"))).isEqualTo(before);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".publish.lock")).sorted())
                    .containsExactly("2022-05-08", "2022-05-09");
        }

        // when a replacement was killed after the new one was in place, the old one goes
        Files.createDirectories(out.resolve(".2022-05-09.replaced"));
        assertThat(publish(true)).isZero();
        assertThat(out.resolve(".2022-05-09.replaced")).doesNotExist();
    }

    @Test
    void twoPublishesToOneFolderAtOnceAreToldApart() throws Exception {
        // given a publish under way (it holds the folder's lock)
        Path out = Files.createDirectories(temp.resolve("publish"));
        try (FileChannel channel = FileChannel.open(out.resolve(".publish.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            // when
            int status = publish(false);

            // then
            assertThat(status).isEqualTo(1);
            assertThat(cli.lastOutput()).contains("publish failed: another publish is writing to " + out)
                    .doesNotContain(".partial");
        }
    }

    @Test
    void aWarehouseThatCannotBeWrittenIsNamedAsSuch() throws Exception {
        // given a warehouse path under a file (as unwritable as a read-only mount, even for root)
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");

        // when
        int status = cli.load(file.resolve("warehouse"), cli.inbox);

        // then
        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("load failed: the warehouse folder " + file.resolve("warehouse")
                + " cannot be written").contains("stops without changing anything").doesNotContain(".load.lock");
    }

    @Test
    void aSnapshotFolderThatCannotBeWrittenIsNamedAsSuch() throws Exception {
        // given an output folder under a file
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");

        // when
        int status = cli.run("publish", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--as-of", "2022-05-09", "--out", file.resolve("publish").toString());

        // then
        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("publish failed: the snapshot folder " + file.resolve("publish")
                + " cannot be written").doesNotContain(".publish.lock");
    }

    @Test
    void sqlQuotesCsvCellsWithSeveralLineBreaksAndEscapesControlCharacters() {
        // when
        int csv = cli.run("sql", "--warehouse", cli.warehouse.toString(), "--csv",
                "select 'a' || chr(10) || 'b' || chr(10) || 'c' as lines, chr(27) || '[2J' as esc");
        String csvOutput = cli.lastOutput();
        int table = cli.run("sql", "--warehouse", cli.warehouse.toString(),
                "select chr(27) || '[2J' || chr(13) || 'loaded' as esc");

        // then
        assertThat(csv).isZero();
        assertThat(csvOutput).isEqualTo("lines,esc\r\n\"a\nb\nc\",\\x1B[2J\r\n");
        assertThat(table).isZero();
        assertThat(cli.lastOutput()).contains("\\x1B[2J\\rloaded").doesNotContain("\u001b");
    }

    private int publish(boolean force) {
        List<String> args = new java.util.ArrayList<>(List.of("publish", "--warehouse", cli.warehouse.toString(),
                "--jobs", cli.jobs.toString(), "--as-of", "2022-05-09", "--out", temp.resolve("publish").toString()));
        if (force) {
            args.add("--force");
        }
        return cli.run(args.toArray(String[]::new));
    }
}
