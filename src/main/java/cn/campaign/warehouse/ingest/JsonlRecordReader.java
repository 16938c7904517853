package cn.campaign.warehouse.ingest;

import cn.campaign.warehouse.validate.Entity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/** One JSON object per line; numbers and booleans are read back as the text the CSV form would carry. */
public final class JsonlRecordReader implements RecordReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader in;
    private final Entity entity;
    private long line;

    public JsonlRecordReader(BufferedReader in, Entity entity) {
        this.in = in;
        this.entity = entity;
    }

    @Override
    public RawRecord next() throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (!text.isBlank()) {
                return parse(text);
            }
        }
        return null;
    }

    private RawRecord parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return RawRecord.malformed(line);
        }
        if (node == null || !node.isObject()) {
            return RawRecord.malformed(line);
        }
        String[] texts = new String[entity.fields().size()];
        String op = null;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String value = textOf(entry.getValue());
            int index = entity.indexOf(entry.getKey());
            if (index >= 0) {
                texts[index] = value;
            } else if (entry.getKey().equals("op")) {
                op = value;
            }
        }
        return new RawRecord(line, texts, op, false);
    }

    private static String textOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.isEmpty() ? null : text;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
