package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import cn.campaign.warehouse.testing.DeliveryFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record of 520 MB without a line end, loaded by the jar under a heap far smaller than the record: it is
 * rejected as malformed and read past without being held (contract 1.1 caps a record at 1 MiB), and the file's other
 * records load. Slow (half a gigabyte written and read), so it runs with the fault tests.
 */
@Tag("faults")
class HugeRecordIT {

    private static final long HUGE = 520L << 20;

    @TempDir
    Path temp;

    @Test
    void aHalfGigabyteLineIsRejectedUnderA256MegabyteHeap() throws Exception {
        // given 40 good fairs and one whose name runs for 520 MB to the end of the file
        CliHarness cli = new CliHarness(temp, "archive.max.ratio=1000000\n");
        Path archive = cli.inbox.resolve("PROV-41_20220509_1.zip");
        writeDelivery(archive);
        DeliveryFixture.settled(archive);

        // when
        Process load = new ProcessBuilder("java", "-Xmx256m", "-Djava.io.tmpdir=" + Files.createDirectories(
                temp.resolve("process-tmp")), "-jar", Path.of("target/campaign-warehouse.jar").toAbsolutePath()
                .toString(), "load", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--inbox", cli.inbox.toString(), "--key-file", cli.keyFile.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("load.log").toFile()).start();
        assertThat(load.waitFor(10, TimeUnit.MINUTES)).isTrue();

        // then
        String log = Files.readString(temp.resolve("load.log"));
        assertThat(load.exitValue()).as(log).isZero();
        assertThat(log).doesNotContain("OutOfMemoryError");
        assertThat(CliHarness.query(cli.warehouse, "select status, records, rejected from load_deliveries"))
                .containsExactly("loaded|41|1");
        assertThat(CliHarness.query(cli.warehouse, "select line, reason from load_rejects"))
                .containsExactly("42|MALFORMED_RECORD");
        assertThat(CliHarness.query(cli.warehouse, "select count(*) from fact_fair")).containsExactly("40");
    }

    private static void writeDelivery(Path archive) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new ZipEntry("fairs.csv"));
            OutputStream out = new java.security.DigestOutputStream(zip, sha);
            StringBuilder good = new StringBuilder(
                    "fair_id,name,start_date,fair_type,channel,region_code,employers,posts,attendees\n");
            for (int i = 1; i <= 40; i++) {
                good.append("F").append(i).append(",双选会,2022-05-09,campus,offline,4101,10,100,50\n");
            }
            out.write(good.toString().getBytes(StandardCharsets.UTF_8));
            out.write("F41,".getBytes(StandardCharsets.UTF_8));
            byte[] block = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < HUGE; written += block.length) {
                out.write(block);
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(("{\"schema_version\":\"1\",\"source_id\":\"PROV-41\",\"business_date\":\"2022-05-09\","
                    + "\"sequence\":1,\"encoding\":\"UTF-8\",\"generated_at\":\"2022-05-09T23:00:00+08:00\","
                    + "\"files\":[{\"name\":\"fairs.csv\",\"entity\":\"fair\",\"format\":\"csv\",\"rows\":41,"
                    + "\"sha256\":\"" + HexFormat.of().formatHex(sha.digest()) + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
