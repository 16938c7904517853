package cn.campaign.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.validate.Entity;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonlRecordReaderTest {

    @Test
    void aLineHoldingAnythingButExactlyOneObjectIsMalformed() throws Exception {
        // given
        String jsonl = """
                {"fair_id":"F1"}
                {"fair_id":"F2"} {"fair_id":"F3"}
                {"fair_id":"F4"} garbage
                [1,2]
                {"fair_id":"F5"}\r
                {"fair_id":"F6"}
                """;

        // when
        List<RawRecord> records = readAll(jsonl, 1 << 20);

        // then
        assertThat(records).extracting(RawRecord::malformed).containsExactly(false, true, true, true, false, false);
        assertThat(records).extracting(RawRecord::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(records.get(4).texts()[0]).isEqualTo("F5");
    }

    @Test
    void aLineLongerThanTheLimitIsMalformedAndTheNextOneReads() throws Exception {
        // given
        String jsonl = "{\"fair_id\":\"F1\",\"name\":\"" + "x".repeat(2 << 20) + "\"}\n{\"fair_id\":\"F2\"}\n";

        // when
        List<RawRecord> records = readAll(jsonl, 1 << 20);

        // then
        assertThat(records).extracting(RawRecord::malformed).containsExactly(true, false);
        assertThat(records).extracting(RawRecord::line).containsExactly(1L, 2L);
    }

    private static List<RawRecord> readAll(String jsonl, long limit) throws Exception {
        List<RawRecord> records = new ArrayList<>();
        try (JsonlRecordReader reader = new JsonlRecordReader(new StringReader(jsonl), Entity.FAIR,
                new EncodedLength(StandardCharsets.UTF_8, limit))) {
            RawRecord record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
        }
        return records;
    }
}
