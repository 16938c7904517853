package cn.campaign.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campaign.warehouse.validate.Entity;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
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
                Entity.INSTITUTION, "institutions.csv"))
                .isInstanceOf(BadHeaderException.class)
                .hasMessage("institutions.csv: the header lacks the required column(s) province_code, level");
    }

    private static List<RawRecord> readAll(String csv) throws Exception {
        List<RawRecord> records = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(new StringReader(csv), Entity.INSTITUTION, "institutions.csv")) {
            RawRecord record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
        }
        return records;
    }
}
