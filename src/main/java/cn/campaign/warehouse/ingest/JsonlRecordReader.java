package cn.campaign.warehouse.ingest;

import cn.campaign.warehouse.validate.Entity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;
import java.util.Map;

/**
 * One JSON object per line; numbers and booleans are read back as the text the CSV form would carry. A line that
 * holds anything besides exactly one object, or is longer than the record size limit, is malformed; a long line is
 * read past without being held.
 */
public final class JsonlRecordReader implements RecordReader {

    /** Trailing tokens (a second object, text after the object) make the line malformed, not silently cut. */
    private static final ObjectReader JSON = new ObjectMapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Reader in;
    private final Entity entity;
    private final EncodedLength length;
    private final StringBuilder text = new StringBuilder();
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line;

    public JsonlRecordReader(Reader in, Entity entity, EncodedLength length) {
        this.in = in;
        this.entity = entity;
        this.length = length;
    }

    @Override
    public RawRecord next() throws IOException {
        while (readLine()) {
            line++;
            if (length.exceeded()) {
                return RawRecord.malformed(line);
            }
            if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text.deleteCharAt(0);
            }
            if (!text.toString().isBlank()) {
                return parse(text.toString());
            }
        }
        return null;
    }

    /** Reads up to the next line end (LF, CR or CRLF) into {@link #text}; false at the end of the file. */
    private boolean readLine() throws IOException {
        text.setLength(0);
        length.reset();
        int c = read();
        if (c == -1) {
            return false;
        }
        while (c != -1 && c != '\n' && c != '\r') {
            if (length.add((char) c)) {
                text.append((char) c);
            } else if (!text.isEmpty()) {
                text.setLength(0);
                text.trimToSize();
            }
            c = read();
        }
        if (c == '\r' && peek() == '\n') {
            read();
        }
        return true;
    }

    private int read() throws IOException {
        int c = peek();
        if (c != -1) {
            position++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position];
    }

    private RawRecord parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return RawRecord.malformed(this.line);
        } catch (IOException e) {
            return RawRecord.malformed(this.line);
        }
        if (node == null || !node.isObject()) {
            return RawRecord.malformed(this.line);
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
        return new RawRecord(this.line, texts, op, false);
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
