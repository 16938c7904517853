package cn.campaign.warehouse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeBaselineIT {

    @TempDir
    Path folder;

    @Test
    void theBaselineCountsTheRowsItCopiedAndTheCpuItsCopiesUsed() throws Exception {
        // given an inbox of one archive with two entity files and a manifest the baseline does not read
        Path inbox = Files.createDirectories(folder.resolve("inbox"));
        try (OutputStream out = Files.newOutputStream(inbox.resolve("PROV-41_20230501_1.zip"));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "manifest.json", "{}");
            entry(zip, "fairs.csv", "fair_id,name\nF1,spring fair\nF2,autumn fair\n");
            entry(zip, "posts.csv", "post_id,title\nP1,clerk\nP2,driver\nP3,nurse\n");
        }

        // when
        NativeBaseline.Result result = NativeBaseline.run(inbox, folder.resolve("work"));

        // then: the copies' CPU is the process's (DuckDB's threads included), within what the cores could give
        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.cpuSeconds()).isPositive()
                .isLessThanOrEqualTo(result.seconds() * Runtime.getRuntime().availableProcessors() + 0.5);
        assertThat(folder.resolve("work/parquet/posts.parquet")).exists();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
