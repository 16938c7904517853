package cn.campaign.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvalidBytesTest {

    @TempDir
    Path temp;

    @Test
    void namesTheLineOfTheFirstInvalidSequenceEvenFarBeyondTheFirstBuffer() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int line = 1; line < 5000; line++) {
            bytes.writeBytes(("第" + line + "行,valid\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes(new byte[] {'x', (byte) 0xC3, '(', '\n', 'y', '\n'});
        Path file = Files.write(temp.resolve("posts.csv"), bytes.toByteArray());

        assertThat(InvalidBytes.lineOf(file, StandardCharsets.UTF_8)).isEqualTo(5000);
    }

    @Test
    void findsATruncatedSequenceAtTheEndOfAFile() throws Exception {
        byte[] gb = "招聘\n双选".getBytes(Charset.forName("GB18030"));
        Path file = Files.write(temp.resolve("fairs.csv"), java.util.Arrays.copyOf(gb, gb.length - 1));

        assertThat(InvalidBytes.lineOf(file, Charset.forName("GB18030"))).isEqualTo(2);
    }

    @Test
    void answersMinusOneForAValidFile() throws Exception {
        Path file = Files.writeString(temp.resolve("ok.csv"), "招聘\n双选\n", Charset.forName("GB18030"));

        assertThat(InvalidBytes.lineOf(file, Charset.forName("GB18030"))).isEqualTo(-1);
    }
}
