package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.DeliveryFixture;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Archives built to hurt: each one is refused with its precise reason, nothing is written outside the work
 * folder, and what was loaded before stays exactly as it was.
 */
class HostileDeliveriesIT {

    private static final Path ABSOLUTE_TARGET = Path.of("/tmp/campaign-warehouse-hostile-absolute.csv");

    @TempDir
    Path temp;
    CliHarness cli;

    @BeforeEach
    void oneGoodNightLoaded() throws Exception {
        cli = new CliHarness(temp, "archive.max.bytes=1048576\n");
        cli.deliverOneFair();
        assertThat(cli.load()).isZero();
    }

    interface Hostile {
        void write(DeliveryFixture fixture, Path inbox, String name) throws Exception;
    }

    static Stream<Arguments> hostileDeliveries() {
        byte[] random = new byte[2 << 20];
        new Random(5).nextBytes(random);
        return Stream.of(
                Arguments.of("zip-slip name", "tar.gz", "UNSAFE_ENTRY", (Hostile) (f, in, n) ->
                        f.unlisted("../escaped.csv", "x".getBytes(StandardCharsets.UTF_8)).writeTarGz(in, n)),
                Arguments.of("absolute path", "tar.gz", "UNSAFE_ENTRY", (Hostile) (f, in, n) ->
                        f.unlisted(ABSOLUTE_TARGET.toString(), "x".getBytes(StandardCharsets.UTF_8)).writeTarGz(in, n)),
                Arguments.of("symbolic link", "tar.gz", "UNSAFE_ENTRY", (Hostile) (f, in, n) ->
                        f.unlistedLink("passwd.csv", "/etc/passwd", true).writeTarGz(in, n)),
                Arguments.of("hard link", "tar.gz", "UNSAFE_ENTRY", (Hostile) (f, in, n) ->
                        f.unlistedLink("again.csv", "fairs.csv", false).writeTarGz(in, n)),
                Arguments.of("nested folder", "tar.gz", "UNSAFE_ENTRY", (Hostile) (f, in, n) ->
                        f.unlisted("sub/", new byte[0]).unlisted("sub/fairs.csv", DeliveryFixture.ONE_FAIR.getBytes(StandardCharsets.UTF_8))
                                .writeTarGz(in, n)),
                Arguments.of("folder in a zip", "zip", "UNSAFE_ENTRY", (Hostile) (f, in, n) ->
                        f.unlisted("sub/", new byte[0]).writeZip(in, n)),
                Arguments.of("duplicate entry name", "tar.gz", "UNSAFE_ENTRY", (Hostile) (f, in, n) ->
                        f.unlisted("fairs.csv", DeliveryFixture.ONE_FAIR.getBytes(StandardCharsets.UTF_8)).writeTarGz(in, n)),
                Arguments.of("a FIFO entry", "tar.gz", "UNSAFE_ENTRY", (Hostile) (f, in, n) ->
                        f.unlistedSpecial("pipe.csv", TarConstants.LF_FIFO).writeTarGz(in, n)),
                Arguments.of("a character device entry", "tar.gz", "UNSAFE_ENTRY", (Hostile) (f, in, n) ->
                        f.unlistedSpecial("null.csv", TarConstants.LF_CHR).writeTarGz(in, n)),
                Arguments.of("nine entries", "tar.gz", "TOO_LARGE", (Hostile) (f, in, n) -> {
                    for (int i = 1; i <= 7; i++) {
                        f.unlisted("extra" + i + ".csv", "x".getBytes(StandardCharsets.UTF_8));
                    }
                    f.writeTarGz(in, n);
                }),
                Arguments.of("a zip of many tiny entries", "zip", "TOO_LARGE", (Hostile) (f, in, n) -> {
                    for (int i = 1; i <= 2000; i++) {
                        f.unlisted("e" + i + ".csv", "x".getBytes(StandardCharsets.UTF_8));
                    }
                    f.writeZip(in, n);
                }),
                Arguments.of("beyond the absolute size limit", "zip", "TOO_LARGE", (Hostile) (f, in, n) ->
                        f.unlisted("noise.csv", random).writeZip(in, n)),
                Arguments.of("truncated tar.gz", "tar.gz", "BAD_ARCHIVE", (Hostile) (f, in, n) -> {
                    byte[] whole = Files.readAllBytes(f.writeTarGz(in, n));
                    DeliveryFixture.settled(Files.write(in.resolve(n), Arrays.copyOf(whole, whole.length - 40)));
                }),
                Arguments.of("zip entries compressed with XZ, a method the loader does not read", "zip",
                        "BAD_ARCHIVE", (Hostile) (f, in, n) -> compressedWith(f.writeZip(in, n), XZ_METHOD)),
                Arguments.of("empty CSV", "zip", "BAD_HEADER", (Hostile) (f, in, n) ->
                        f.fileBytes("posts.csv", "post", new byte[0], 0).writeZip(in, n)),
                Arguments.of("invalid UTF-8", "zip", "BAD_ENCODING", (Hostile) (f, in, n) ->
                        f.fileBytes("posts.csv", "post", "post_id\n\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), 1)
                                .writeZip(in, n)),
                Arguments.of("CSV cut inside a quoted field", "zip", "REJECT_RATE_EXCEEDED", (Hostile) (f, in, n) ->
                        f.fileBytes("visits.csv", "visit", ("visit_id,visit_date,institution_code,visitor_role,"
                                + "enterprise_uscc,new_partner,posts_opened\n\"V1,2022-05-10").getBytes(StandardCharsets.UTF_8), 1)
                                .writeZip(in, n)));
    }

    /** The zip method number of XZ (APPNOTE 4.4.5): commons-compress reads it only with a library not shipped. */
    private static final short XZ_METHOD = 95;

    /** Rewrites the compression method of every entry, in its local header and in the central directory. */
    private static void compressedWith(Path zip, short method) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + 12 <= bytes.limit(); at++) {
            int signature = bytes.getInt(at);
            if (signature == 0x04034b50) {
                bytes.putShort(at + 8, method);
            } else if (signature == 0x02014b50) {
                bytes.putShort(at + 10, method);
            }
        }
        DeliveryFixture.settled(Files.write(zip, bytes.array()));
    }

    @Test
    void aZipInAMethodTheLoaderCannotReadIsQuarantinedWithTheMethodAndWhatToAsk() throws Exception {
        // given a delivery whose entries say XZ
        compressedWith(new DeliveryFixture("PROV-41", "2022-05-10", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR.replace("F1", "F2"))
                .writeZip(cli.inbox, "PROV-41_20220510_1.zip"), XZ_METHOD);

        // when it is loaded
        int status = cli.load();

        // then it alone is quarantined, and the operator reads which entry, which method, and what to ask for
        assertThat(status).isEqualTo(2);
        assertThat(cli.lastOutput()).contains("PROV-41_20220510_1.zip compresses its entry fairs.csv with zip "
                + "method 95 (XZ), which the loader cannot read: ask the source to deliver it again as a zip "
                + "compressed with deflate, or as a tar.gz");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDeliveries")
    void isRefusedWithItsReasonAndChangesNothing(String what, String extension, String reason, Hostile hostile)
            throws Exception {
        // given
        List<String> before = CliHarness.query(cli.warehouse, "select * from campaign_totals order by all");
        String name = "PROV-41_20220510_1." + extension;
        hostile.write(new DeliveryFixture("PROV-41", "2022-05-10", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR.replace("F1", "F2")), cli.inbox, name);

        // when
        int status = cli.load();

        // then
        assertThat(status).isEqualTo(2);
        assertThat(CliHarness.query(cli.warehouse, "select status, reason from load_deliveries where file_name = '"
                + name + "'")).containsExactly("quarantined|" + reason);
        assertThat(CliHarness.query(cli.warehouse, "select * from campaign_totals order by all")).isEqualTo(before);
        assertThat(ABSOLUTE_TARGET).doesNotExist();
        assertThat(cli.warehouse.resolve("tmp/escaped.csv")).doesNotExist();
        assertThat(cli.warehouse.resolve("escaped.csv")).doesNotExist();
        try (Stream<Path> files = Files.walk(temp)) {
            assertThat(files.filter(Files::isSymbolicLink).toList()).as("links written anywhere").isEmpty();
        }
    }

    @Test
    void aDeliveryStillBeingCopiedWaitsUntilItHasSettled() throws Exception {
        // given an archive whose last modification is a moment ago (a copy may still be under way)
        Path copying = new DeliveryFixture("PROV-41", "2022-05-10", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR.replace("F1", "F2"))
                .writeZip(cli.inbox, "PROV-41_20220510_1.zip");
        Files.setLastModifiedTime(copying, FileTime.from(Instant.now()));

        // when
        int status = cli.load();

        // then it is neither read nor listed
        assertThat(status).isZero();
        assertThat(CliHarness.query(cli.warehouse, "select count(*) from load_deliveries")).containsExactly("1");

        // when it has not changed for the settle time (60 s by default)
        DeliveryFixture.settled(copying);
        assertThat(cli.load()).isZero();

        // then it loads
        assertThat(CliHarness.query(cli.warehouse,
                "select fairs from campaign_totals where campaign_id = '2022-sprint'"))
                .containsExactly("2");
    }
}
