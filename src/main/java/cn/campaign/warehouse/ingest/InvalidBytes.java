package cn.campaign.warehouse.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;

/**
 * Finds where a file stops being valid in its encoding. A reader's decoder fails a whole buffer ahead of the
 * parser, so the line it was on says little; this second pass, run only for a refused file, names the exact line.
 */
final class InvalidBytes {

    private InvalidBytes() {
    }

    /** The physical line (from 1) holding the first byte sequence that is invalid in the charset, or -1. */
    static long lineOf(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        long line = 1;
        try (FileChannel channel = FileChannel.open(file)) {
            boolean end = false;
            while (true) {
                end = end || channel.read(bytes) < 0;
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, end);
                line += newlines(chars);
                if (result.isError()) {
                    return line;
                }
                if (end && !bytes.hasRemaining()) {
                    return decoder.flush(chars).isError() ? line : -1;
                }
                bytes.compact();
            }
        }
    }

    private static long newlines(CharBuffer chars) {
        chars.flip();
        long count = 0;
        while (chars.hasRemaining()) {
            if (chars.get() == '\n') {
                count++;
            }
        }
        chars.clear();
        return count;
    }
}
