package cn.campaign.warehouse.ingest;

import java.io.Closeable;
import java.io.IOException;

/** Streams the records of one entity file. */
public interface RecordReader extends Closeable {

    /** The next record, or {@code null} after the last. */
    RawRecord next() throws IOException;
}
