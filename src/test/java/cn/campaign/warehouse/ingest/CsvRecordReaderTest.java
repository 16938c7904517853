package cn.campaign.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campaign.warehouse.validate.Entity;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static final String HEADER = "institution_code,name,province_code,level,extra\r\n";

    @Test
    void readsQuotedCommasDoubledQuotesAndLineBreaksWithTheLineEachRecordStartsOn() throws Exception {
        String csv = HEADER
                + "4141010001,\"郑州大学, 主校区\",41,undergraduate,x\r\n"
                + "\r\n"
                + "4141010002,\"say \"\"hi\"\"\nsecond line\",41,vocational,\n"
                + "4141010003,plain,41,vocational,y";

        List<RawRecord> records = readAll(csv);

        assertThat(records).extracting(RawRecord::line).containsExactly(2L, 4L, 6L);
        assertThat(records.get(0).texts()[1]).isEqualTo("郑州大学, 主校区");
        assertThat(records.get(1).texts()[1]).isEqualTo("say \"hi\"\nsecond line");
        assertThat(records.get(2).texts()[0]).isEqualTo("4141010003");
        assertThat(records.get(2).texts()[Entity.INSTITUTION.indexOf("level")]).isEqualTo("vocational");
        assertThat(records.get(0).texts()[Entity.INSTITUTION.indexOf("city")]).isNull();
    }

    @Test
    void turnsAWrongFieldCountOrAnUnterminatedQuoteIntoMalformedRecordsAndReadsOn() throws Exception {
        String csv = HEADER
                + "4141010001,too,few\n"
                + "4141010002,ok,41,vocational,\n"
                + "4141010003,\"never closed,41,vocational,\n";

        List<RawRecord> records = readAll(csv);

        assertThat(records).extracting(RawRecord::malformed).containsExactly(true, false, true);
        assertThat(records).extracting(RawRecord::line).containsExactly(2L, 3L, 4L);
    }

    @Test
    void refusesAHeaderWithoutARequiredColumn() {
        assertThatThrownBy(() -> new CsvRecordReader(new StringReader("institution_code,name\n"),
                Entity.INSTITUTION, "institutions.csv", MIB))
                .isInstanceOf(BadHeaderException.class)
                .hasMessage("institutions.csv: the header lacks the required column(s) province_code, level");
    }

    @Test
    void aRecordLongerThanTheLimitIsMalformedAndTheNextOneReads() throws Exception {
        // given a 3 MiB record (a quoted cell with line breaks) between two good ones, under a 1 MiB limit
        String huge = "x".repeat(1 << 20) + "\n" + "y".repeat(1 << 20) + "\n" + "z".repeat(1 << 20);
        String csv = "institution_code,name,province_code,level\n"
                + "4141010001,a,41,vocational\n"
                + "4141010002,\"" + huge + "\",41,vocational\n"
                + "4141010003,c,41,vocational\n";

        // when
        List<RawRecord> records = readAll(csv);

        // then the long record is malformed at the line it starts on, and the line count stays right after it
        assertThat(records).extracting(RawRecord::malformed).containsExactly(false, true, false);
        assertThat(records).extracting(RawRecord::line).containsExactly(2L, 3L, 6L);
    }

    @Test
    void aLineWithoutLineEndFarBeyondTheLimitIsReadPastWithoutHoldingIt() throws Exception {
        // given a 64 MiB unquoted line of commas and text without a line end, through a small heap budget:
        // holding it as cells would take hundreds of MB
        String header = "institution_code,name,province_code,level\n";
        Reader csv = new Reader() {
            private long left = 64L << 20;
            private boolean headerRead;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (!headerRead) {
                    headerRead = true;
                    header.getChars(0, header.length(), buffer, offset);
                    return header.length();
                }
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = i % 2 == 0 ? ',' : 'a';
                }
                left -= n;
                return n;
            }

            @Override
            public void close() {
            }
        };

        // when
        List<RawRecord> records = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(csv, Entity.INSTITUTION, "institutions.csv", MIB)) {
            RawRecord record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
        }

        // then
        assertThat(records).extracting(RawRecord::malformed).containsExactly(true);
    }

    @Test
    void countsTheLimitInBytesOfTheFileEncoding() throws Exception {
        // given a record of 400,000 Chinese characters: 1.2 MB in UTF-8, 0.8 MB in GB18030
        String csv = "institution_code,name,province_code,level\n4141010001," + "学".repeat(400_000)
                + ",41,vocational\n";

        // when / then
        assertThat(readAll(csv)).extracting(RawRecord::malformed).containsExactly(true);
        try (CsvRecordReader reader = new CsvRecordReader(new StringReader(csv), Entity.INSTITUTION,
                "institutions.csv", new EncodedLength(java.nio.charset.Charset.forName("GB18030"), 1 << 20))) {
            assertThat(reader.next().malformed()).isFalse();
        }
    }

    @Property(tries = 300)
    void cellsReadTheSameWhateverPiecesTheFileArrivesIn(@ForAll("rows") List<List<String>> rows,
                                                        @ForAll @IntRange(min = 1, max = 7) int piece)
            throws Exception {
        // given rows of unquoted cells, and a reader handing them over a few characters at a time, so that cells
        // straddle the reader's buffer
        String csv = HEADER + rows.stream().map(row -> String.join(",", row)).collect(Collectors.joining("\n"));
        Reader inPieces = new StringReader(csv) {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, piece));
            }
        };

        // when
        List<RawRecord> records = readAll(inPieces);

        // then every cell reads as written, an empty one as missing
        assertThat(records).hasSize(rows.size());
        String[] columns = {"institution_code", "name", "province_code", "level"};
        for (int i = 0; i < rows.size(); i++) {
            for (int column = 0; column < columns.length; column++) {
                String written = rows.get(i).get(column);
                assertThat(records.get(i).texts()[Entity.INSTITUTION.indexOf(columns[column])])
                        .isEqualTo(written.isEmpty() ? null : written);
            }
        }
    }

    @Provide
    Arbitrary<List<List<String>>> rows() {
        Arbitrary<String> cell = Arbitraries.strings().withChars("abcXYZ019 .-_学院郑州").ofMaxLength(12);
        return cell.list().ofSize(5).list().ofMinSize(1).ofMaxSize(20);
    }

    private static final EncodedLength MIB = new EncodedLength(StandardCharsets.UTF_8, 1 << 20);

    private static List<RawRecord> readAll(String csv) throws Exception {
        return readAll(new StringReader(csv));
    }

    private static List<RawRecord> readAll(Reader csv) throws Exception {
        List<RawRecord> records = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(csv, Entity.INSTITUTION, "institutions.csv", MIB)) {
            RawRecord record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
        }
        return records;
    }
}
