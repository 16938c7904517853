package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.DeliveryFixture;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One inbox holding a delivery for every outcome of export contract §5 besides {@code loaded}: each one is
 * recorded with its reason, nothing of it reaches the warehouse, and the good deliveries of the run still load.
 */
class QuarantineReasonsEndToEndIT {

    private static final Charset GB18030 = Charset.forName("GB18030");

    @TempDir
    Path temp;

    @Test
    void recordsEveryQuarantineAndSkipReasonAndLoadsTheRest() throws Exception {
        // given
        CliHarness cli = new CliHarness(temp, "reject.rate.max=0.05\n");
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path warehouse = temp.resolve("warehouse");
        DeliveryFixture.settled(Files.writeString(inbox.resolve("PROV-41_20220230_1.zip"), "impossible date"));
        fairs("PROV-99").writeZip(inbox, "PROV-99_20220509_1.zip");
        byte[] whole = Files.readAllBytes(fairs("PROV-11").writeZip(inbox, "PROV-11_20220509_1.zip"));
        DeliveryFixture.settled(Files.write(inbox.resolve("PROV-11_20220509_1.zip"),
                Arrays.copyOf(whole, whole.length / 2)));
        fairs("PROV-12").unlisted("../escaped.csv", "x".getBytes(StandardCharsets.UTF_8))
                .writeZip(inbox, "PROV-12_20220509_1.zip");
        fairs("PROV-13").unlisted("padding.csv", new byte[4 << 20]).writeZip(inbox, "PROV-13_20220509_1.zip");
        fairs("PROV-14").withoutManifest().writeZip(inbox, "PROV-14_20220509_1.zip");
        fairs("PROV-15").withManifest("{\"schema_version\": \"1\", ").writeZip(inbox, "PROV-15_20220509_1.zip");
        fairs("PROV-21").unlisted("notes.csv", new byte[] {'x'}).writeZip(inbox, "PROV-21_20220509_1.zip");
        fairs("PROV-22").withWrongChecksum().writeZip(inbox, "PROV-22_20220509_1.zip");
        new DeliveryFixture("PROV-23", "2022-05-09", 1, GB18030)
                .fileBytes("fairs.csv", "fair", invalidIn(DeliveryFixture.ONE_FAIR, GB18030), 1).writeZip(inbox, "PROV-23_20220509_1.zip");
        new DeliveryFixture("PROV-31", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR.replace("attendees", "visitors")).writeZip(inbox, "PROV-31_20220509_1.zip");
        fairs("PROV-32").withWrongRowCount().writeZip(inbox, "PROV-32_20220509_1.zip");
        new DeliveryFixture("PROV-33", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR + "F2,双选会,2022-05-09,campus,offline,4101,-10,100,50\n")
                .writeZip(inbox, "PROV-33_20220509_1.zip");
        fairs("PROV-34").writeTarGz(inbox, "PROV-34_20220509_1.tar.gz");
        fairs("PROV-34").file("posts.csv", "post", "post_id\n").writeZip(inbox, "PROV-34_20220509_1.zip");
        Path accepted = fairs("PROV-35").writeZip(inbox, "PROV-35_20220509_1.zip");
        DeliveryFixture.settled(Files.copy(accepted, inbox.resolve("PROV-35_20220509_2.zip")));

        // when
        int status = cli.load(warehouse, inbox);

        // then
        assertThat(status).as("a quarantined file makes the exit status 2").isEqualTo(2);
        assertThat(CliHarness.query(warehouse, "select file_name, status, reason, records, rejected "
                + "from load_deliveries order by file_name")).containsExactly(
                "PROV-11_20220509_1.zip|quarantined|BAD_ARCHIVE|null|null",
                "PROV-12_20220509_1.zip|quarantined|UNSAFE_ENTRY|null|null",
                "PROV-13_20220509_1.zip|quarantined|TOO_LARGE|null|null",
                "PROV-14_20220509_1.zip|quarantined|MISSING_MANIFEST|null|null",
                "PROV-15_20220509_1.zip|quarantined|BAD_MANIFEST|null|null",
                "PROV-21_20220509_1.zip|quarantined|MANIFEST_MISMATCH|null|null",
                "PROV-22_20220509_1.zip|quarantined|CHECKSUM_MISMATCH|null|null",
                "PROV-23_20220509_1.zip|quarantined|BAD_ENCODING|null|null",
                "PROV-31_20220509_1.zip|quarantined|BAD_HEADER|null|null",
                "PROV-32_20220509_1.zip|quarantined|ROW_COUNT_MISMATCH|1|0",
                "PROV-33_20220509_1.zip|quarantined|REJECT_RATE_EXCEEDED|2|1",
                "PROV-34_20220509_1.tar.gz|loaded||1|0",
                "PROV-34_20220509_1.zip|skipped|STALE_SEQUENCE|null|null",
                "PROV-35_20220509_1.zip|loaded||1|0",
                "PROV-35_20220509_2.zip|skipped|ALREADY_LOADED|null|null",
                "PROV-41_20220230_1.zip|quarantined|BAD_NAME|null|null",
                "PROV-99_20220509_1.zip|quarantined|UNKNOWN_SOURCE|null|null");
        assertThat(CliHarness.query(warehouse, "select file_name, line, field, reason, value from load_rejects"))
                .as("only a reject-rate quarantine keeps its record rejects")
                .containsExactly("PROV-33_20220509_1.zip|3|employers|OUT_OF_RANGE|-10");
        assertThat(CliHarness.query(warehouse, "select source_id from fact_fair order by all")).containsExactly("PROV-34", "PROV-35");
        assertThat(temp.resolve("escaped.csv")).doesNotExist();
        assertThat(cli.console()).contains("PROV-22_20220509_1.zip: quarantined (CHECKSUM_MISMATCH)",
                "fairs.csv has SHA-256", "fairs.csv holds bytes that are not valid GB18030 on line 2");
    }

    @Test
    void aFixedDeliveryMayComeAgainWithTheSameSequence() throws Exception {
        // given a delivery quarantined for its checksum
        CliHarness cli = new CliHarness(temp, "");
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path warehouse = temp.resolve("warehouse");
        fairs("PROV-41").withWrongChecksum().writeZip(inbox, "PROV-41_20220509_1.zip");
        assertThat(cli.load(warehouse, inbox)).isEqualTo(2);

        // when the source replaces it under the same name with a good archive
        fairs("PROV-41").writeZip(inbox, "PROV-41_20220509_1.zip");
        int status = cli.load(warehouse, inbox);

        // then both files are listed and the fixed one is loaded
        assertThat(status).isZero();
        assertThat(CliHarness.query(warehouse, "select status, reason from load_deliveries order by seen_at"))
                .containsExactly("quarantined|CHECKSUM_MISMATCH", "loaded|");
        assertThat(CliHarness.query(warehouse, "select fairs from campaign_totals "
                + "where campaign_id = '2022-promotion-week'")).containsExactly("1");
    }

    private static DeliveryFixture fairs(String source) {
        return new DeliveryFixture(source, "2022-05-09", 1, StandardCharsets.UTF_8).file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR);
    }

    /** The text encoded, with one byte that no GB18030 or UTF-8 sequence may hold placed inside a name. */
    private static byte[] invalidIn(String text, Charset encoding) {
        byte[] bytes = text.getBytes(encoding);
        int at = text.indexOf("双选会");
        byte[] broken = bytes.clone();
        broken[new String(text.substring(0, at)).getBytes(encoding).length] = (byte) 0xFF;
        return broken;
    }
}
