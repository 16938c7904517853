package cn.campaign.warehouse.ingest;

import cn.campaign.warehouse.validate.Entity;
import cn.campaign.warehouse.validate.Field;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 reader that knows the physical line each record starts on, skips blank lines and turns a broken
 * record (wrong field count, unterminated quote, text after a closing quote) into a malformed record
 * instead of stopping the file. A record longer than the size limit is malformed too, and read past without being
 * held: its cells stop growing at the limit, so a 500 MB line without a line end costs no memory. Hand-written
 * because line-exact rejects and this recovery are what the contract asks for and CSV libraries do not give both.
 */
public final class CsvRecordReader implements RecordReader {

    private static final int END = -1;

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private final int columnCount;
    private final int[] fieldOfColumn;
    private final int opColumn;
    private final int fieldCount;
    private final List<String> cells = new ArrayList<>();
    private final StringBuilder cell = new StringBuilder();
    /** An unquoted cell that lay within one buffered run, made into a string directly rather than through cell. */
    private String wholeCell;
    private final EncodedLength length;

    public CsvRecordReader(Reader in, Entity entity, String fileName, EncodedLength length)
            throws IOException, BadHeaderException {
        this.in = in;
        this.length = length;
        this.fieldCount = entity.fields().size();
        long headerLine = line;
        boolean wellFormed = readRow();
        if (length.exceeded()) {
            throw new BadHeaderException(fileName + ": the header row is longer than " + length.limit() + " bytes");
        }
        if (cells.isEmpty() && !wellFormed) {
            throw new BadHeaderException(fileName + " has no header row");
        }
        if (!wellFormed) {
            throw new BadHeaderException(fileName + " line " + headerLine + ": the header row is not valid CSV");
        }
        List<String> header = new ArrayList<>(cells);
        columnCount = header.size();
        fieldOfColumn = new int[columnCount];
        int op = -1;
        for (int column = 0; column < columnCount; column++) {
            String name = header.get(column) == null ? "" : header.get(column).trim();
            fieldOfColumn[column] = entity.indexOf(name);
            if (name.equals("op")) {
                op = column;
            }
        }
        opColumn = op;
        List<String> missing = new ArrayList<>();
        List<String> names = header.stream().map(name -> name == null ? "" : name.trim()).toList();
        for (Field field : entity.fields()) {
            if (field.required() && !names.contains(field.name())) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new BadHeaderException(fileName + ": the header lacks the required column(s) "
                    + String.join(", ", missing));
        }
    }

    @Override
    public RawRecord next() throws IOException {
        while (true) {
            long start = line;
            int first = peek();
            if (first == END) {
                return null;
            }
            if (first == '\n' || first == '\r') {
                consumeLineEnd();
                continue;
            }
            boolean wellFormed = readRow();
            if (!wellFormed || length.exceeded() || cells.size() != columnCount) {
                return RawRecord.malformed(start);
            }
            String[] texts = new String[fieldCount];
            String op = null;
            for (int column = 0; column < columnCount; column++) {
                String value = cells.get(column);
                int field = fieldOfColumn[column];
                if (field >= 0) {
                    texts[field] = value;
                } else if (column == opColumn) {
                    op = value;
                }
            }
            return new RawRecord(start, texts, op, false);
        }
    }

    /** Reads one row into {@link #cells}; false when it is broken (it is still consumed to its end). */
    private boolean readRow() throws IOException {
        cells.clear();
        length.reset();
        boolean wellFormed = true;
        while (true) {
            cell.setLength(0);
            wholeCell = null;
            int c = peek();
            boolean quoted = false;
            if (c == '"') {
                quoted = true;
                advance();
                if (!readQuoted()) {
                    cells.add(null);
                    return false;
                }
                c = peek();
                if (c != ',' && c != '\n' && c != '\r' && c != END) {
                    wellFormed = false;
                    skipToLineEnd();
                    c = peek();
                }
            } else {
                c = readUnquoted();
            }
            if (!length.exceeded()) {
                cells.add(wholeCell != null ? wholeCell : cell.length() == 0 ? null : cell.toString());
            }
            if (c == ',') {
                advance();
                continue;
            }
            if (c == END && !quoted && cells.size() == 1 && cells.get(0) == null) {
                cells.clear();
                return false;
            }
            consumeLineEnd();
            return wellFormed;
        }
    }

    /** Reads a quoted cell after its opening quote; false when the file ends before the closing quote. */
    private boolean readQuoted() throws IOException {
        while (true) {
            int c = peek();
            if (c == END) {
                return false;
            }
            advance();
            if (c == '"') {
                if (peek() == '"') {
                    advance();
                    keepCounted('"');
                } else {
                    return true;
                }
            } else {
                if (c == '\n') {
                    line++;
                } else if (c == '\r' && peek() != '\n') {
                    line++;
                }
                keepCounted((char) c);
            }
        }
    }

    private void skipToLineEnd() throws IOException {
        int c = peek();
        while (c != '\n' && c != '\r' && c != END) {
            advance();
            c = peek();
        }
    }

    /** Consumes the character at the position, counting it towards the record's length. */
    private void advance() {
        length.add(buffer[position]);
        position++;
    }

    /**
     * Reads an unquoted cell from the position to the comma or line end after it, which it returns (or END) without
     * consuming. The characters are counted and kept a buffered run at a time rather than one by one: most cells of
     * a delivery are unquoted, and this loop was a fifth of the staging's time. A cell that ends inside the run it
     * began in (nearly all) becomes a string at once: the builder, once a Chinese cell has passed through it, stays
     * two bytes a character, and every later cell was copied out of it and compressed back.
     */
    private int readUnquoted() throws IOException {
        while (peek() != END) {
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != ',' && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            length.add(buffer, start, end);
            position = end;
            if (end < limit && cell.length() == 0 && !length.exceeded()) {
                wholeCell = end > start ? new String(buffer, start, end - start) : null;
                return buffer[end];
            }
            if (!length.exceeded()) {
                cell.append(buffer, start, end - start);
            } else if (cell.length() > 0) {
                cell.setLength(0);
                cell.trimToSize();
            }
            if (end < limit) {
                return buffer[end];
            }
        }
        return END;
    }

    /** Adds an already counted character to the cell, unless the record has passed its limit. */
    private void keepCounted(char c) {
        if (!length.exceeded()) {
            cell.append(c);
        } else if (cell.length() > 0) {
            cell.setLength(0);
            cell.trimToSize();
        }
    }

    private void consumeLineEnd() throws IOException {
        int c = peek();
        if (c == '\r') {
            position++;
            if (peek() == '\n') {
                position++;
            }
            line++;
        } else if (c == '\n') {
            position++;
            line++;
        }
    }

    private int peek() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return END;
            }
        }
        return buffer[position];
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
