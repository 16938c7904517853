package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.DeliveryFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one source delivers, however wrong, can quarantine its delivery or reject its records; it never fails the
 * run, never blocks another source, and is never silently ignored (surface §1, contract 1.1).
 */
class UntrustedSourcesIT {

    private static final String FAIR_HEADER =
            "fair_id,name,start_date,fair_type,channel,region_code,employers,posts,attendees\n";

    @TempDir
    Path temp;
    CliHarness cli;

    @BeforeEach
    void operator() throws Exception {
        cli = new CliHarness(temp, "");
    }

    @Test
    void aCountTooLargeToSumIsRejectedAndLaterNightsLoad() throws Exception {
        // given ten fairs with an 18-digit attendance (whose sum no 64-bit integer holds), beside another source's
        // good delivery
        StringBuilder huge = new StringBuilder(FAIR_HEADER);
        for (int i = 1; i <= 10; i++) {
            huge.append("F").append(i).append(",双选会,2022-05-09,campus,offline,4101,10,100,999999999999999999\n");
        }
        fairs("PROV-41", "2022-05-09", huge.toString()).writeZip(cli.inbox, "PROV-41_20220509_1.zip");
        fairs("PROV-42", "2022-05-09", FAIR_HEADER + "F1,双选会,2022-05-09,campus,offline,4201,10,100,50\n")
                .writeZip(cli.inbox, "PROV-42_20220509_1.zip");

        // when
        int first = cli.load();

        // then the delivery is refused with the record's reason, and the other source loads
        assertThat(first).isEqualTo(2);
        assertThat(CliHarness.query(cli.warehouse, "select file_name, status, reason from load_deliveries "
                + "order by file_name")).containsExactly(
                "PROV-41_20220509_1.zip|quarantined|REJECT_RATE_EXCEEDED", "PROV-42_20220509_1.zip|loaded|");
        assertThat(CliHarness.query(cli.warehouse, "select entity_file, line, field, reason, value from load_rejects "
                + "order by line limit 1")).containsExactly("fairs.csv|2|attendees|OUT_OF_RANGE|999999999999999999");
        assertThat(CliHarness.query(cli.warehouse, "select count(*) from load_rejects")).containsExactly("10");

        // when the next night brings more
        fairs("PROV-42", "2022-05-10", FAIR_HEADER + "F2,双选会,2022-05-10,campus,offline,4201,10,100,70\n")
                .writeZip(cli.inbox, "PROV-42_20220510_1.zip");

        // then it loads
        assertThat(cli.load()).isZero();
        assertThat(CliHarness.query(cli.warehouse,
                "select fair_attendees from campaign_totals where campaign_id = '2022-sprint'")).containsExactly("120");
    }

    @Test
    void inboxEntriesThatCannotBeReadAreNamedOnEveryRunAndBlockNothing() throws Exception {
        // given a broken link and a folder beside a good delivery
        Files.createSymbolicLink(cli.inbox.resolve("PROV-43_20220509_1.zip"), temp.resolve("not-there.zip"));
        Files.createDirectory(cli.inbox.resolve("PROV-44_20220509_1.zip"));
        fairs("PROV-41", "2022-05-09", DeliveryFixture.ONE_FAIR).writeZip(cli.inbox, "PROV-41_20220509_1.zip");

        // when
        int first = cli.load();

        // then
        assertThat(first).isZero();
        assertThat(cli.lastOutput())
                .contains("waiting: PROV-43_20220509_1.zip: a link to a file that does not exist")
                .contains("waiting: PROV-44_20220509_1.zip: is a folder, not a delivery archive")
                .contains("PROV-41_20220509_1.zip: loaded")
                .containsPattern("summary: 1 loaded, 0 skipped, 0 quarantined, 2 waiting; 1 records, 0 rejected; "
                        + "[0-9.]+ s; readers now see v[0-9T]+");
        assertThat(CliHarness.query(cli.warehouse, "select file_name from load_deliveries"))
                .containsExactly("PROV-41_20220509_1.zip");

        // when the next run comes and the link still dangles
        assertThat(cli.load()).isZero();

        // then it is named again
        assertThat(cli.lastOutput()).contains("waiting: PROV-43_20220509_1.zip: a link to a file that does not exist")
                .contains("2 waiting; 0 records").contains("nothing new to commit, readers see the same state");
    }

    @Test
    void aFixedRedeliveryWithTheNameSizeAndTimeOfTheQuarantinedOneIsRead() throws Exception {
        // given a tar refused for a bad count, quarantined
        Path archive = fairs("PROV-41", "2022-05-09", FAIR_HEADER + "F1,双选会,2022-05-09,campus,offline,4101,1O,100,50\n")
                .writeTar(cli.inbox, "PROV-41_20220509_1.tar");
        FileTime time = Files.getLastModifiedTime(archive);
        long size = Files.size(archive);
        assertThat(cli.load()).isEqualTo(2);

        // when the source fixes it and it is copied over with its time kept (cp -p), same name and size
        fairs("PROV-41", "2022-05-09", FAIR_HEADER + "F1,双选会,2022-05-09,campus,offline,4101,10,100,50\n")
                .writeTar(cli.inbox, "PROV-41_20220509_1.tar");
        Files.setLastModifiedTime(archive, time);
        assertThat(Files.size(archive)).isEqualTo(size);
        int status = cli.load();

        // then it is read and loads
        assertThat(status).isZero();
        assertThat(CliHarness.query(cli.warehouse, "select status, reason from load_deliveries order by seen_at"))
                .containsExactly("quarantined|REJECT_RATE_EXCEEDED", "loaded|");
        assertThat(CliHarness.query(cli.warehouse,
                "select fairs from campaign_totals where campaign_id = '2022-sprint'")).containsExactly("1");
    }

    @Test
    void aBusinessDateAfterTodayIsABadNameAndAFileTimeInTheFutureStillLoads() throws Exception {
        // given a delivery dated in 2032, and a real one whose file time is a day ahead (a wrong clock)
        fairs("PROV-42", "2032-05-02", DeliveryFixture.ONE_FAIR).writeZip(cli.inbox, "PROV-42_20320502_1.zip");
        Path ahead = fairs("PROV-41", "2022-05-09", DeliveryFixture.ONE_FAIR)
                .writeZip(cli.inbox, "PROV-41_20220509_1.zip");
        Files.setLastModifiedTime(ahead, FileTime.from(Instant.now().plusSeconds(86_400)));

        // when
        int status = cli.load();

        // then
        assertThat(status).isEqualTo(2);
        assertThat(CliHarness.query(cli.warehouse, "select file_name, status, reason, source_id, business_date "
                + "from load_deliveries order by file_name")).containsExactly(
                "PROV-41_20220509_1.zip|loaded||PROV-41|2022-05-09",
                "PROV-42_20320502_1.zip|quarantined|BAD_NAME|PROV-42|2032-05-02");
        assertThat(cli.lastOutput()).contains("the file name's business date 2032-05-02 is after today");
    }

    @Test
    void aDeliveryDatedTodayInShanghaiIsNoBadName() throws Exception {
        // given a delivery for today's business date in Asia/Shanghai
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String compact = today.format(DateTimeFormatter.BASIC_ISO_DATE);
        fairs("PROV-41", today.toString(), DeliveryFixture.ONE_FAIR.replace("2022-05-09", today.toString()))
                .writeZip(cli.inbox, "PROV-41_" + compact + "_1.zip");

        // when / then
        assertThat(cli.load()).isZero();
    }

    @Test
    void anAlreadyLoadedCopyUnderAReadableNameKeepsTheNameParts() throws Exception {
        // given a delivery, and later a byte copy of it under another readable name
        Path original = fairs("PROV-41", "2022-05-09", DeliveryFixture.ONE_FAIR)
                .writeZip(cli.inbox, "PROV-41_20220509_1.zip");
        assertThat(cli.load()).isZero();
        DeliveryFixture.settled(Files.copy(original, cli.inbox.resolve("NATL-24365_20220510_1.tgz"),
                StandardCopyOption.COPY_ATTRIBUTES));

        // when
        int status = cli.load();

        // then
        assertThat(status).isZero();
        assertThat(CliHarness.query(cli.warehouse, "select status, reason, source_id, business_date, sequence "
                + "from load_deliveries where file_name = 'NATL-24365_20220510_1.tgz'"))
                .containsExactly("skipped|ALREADY_LOADED|NATL-24365|2022-05-10|1");
    }

    @Test
    void aFirstLoadWhoseInboxHoldsOnlySettlingFilesSucceeds() throws Exception {
        // given a new warehouse and an archive still being copied in
        Path copying = fairs("PROV-41", "2022-05-09", DeliveryFixture.ONE_FAIR)
                .writeZip(cli.inbox, "PROV-41_20220509_1.zip");
        Files.setLastModifiedTime(copying, FileTime.from(Instant.now()));

        // when
        int status = cli.load();

        // then
        assertThat(status).isZero();
        assertThat(cli.lastOutput()).contains("waiting: PROV-41_20220509_1.zip: modified")
                .doesNotContain("IO Error").doesNotContain("failed");
    }

    @Test
    void controlCharactersInAFileNameArePrintedEscaped() throws Exception {
        // given a file whose name would clear the screen and print a fake line
        Files.writeString(cli.inbox.resolve("x\u001b[2J\rPROV-41_20220509_1.zip: loaded"), "nothing");
        DeliveryFixture.settled(cli.inbox.resolve("x\u001b[2J\rPROV-41_20220509_1.zip: loaded"));

        // when
        int status = cli.load();

        // then
        assertThat(status).isEqualTo(2);
        assertThat(cli.lastOutput()).doesNotContain("\u001b").doesNotContain("\r")
                .contains("x\\x1B[2J\\rPROV-41_20220509_1.zip: loaded: quarantined (BAD_NAME)");
    }

    private static DeliveryFixture fairs(String source, String date, String csv) {
        return new DeliveryFixture(source, date, 1, StandardCharsets.UTF_8).file("fairs.csv", "fair", csv);
    }
}
