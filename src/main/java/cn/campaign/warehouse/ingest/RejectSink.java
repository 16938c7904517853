package cn.campaign.warehouse.ingest;

import cn.campaign.warehouse.model.StagedColumn;
import cn.campaign.warehouse.parquet.StagingFileWriter;
import cn.campaign.warehouse.validate.FieldType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The rejected records of one delivery, kept as {@code rejects.parquet} beside its staged files. */
final class RejectSink implements AutoCloseable {

    static final String FILE_NAME = "rejects.parquet";
    static final List<StagedColumn> COLUMNS = List.of(
            new StagedColumn("file_name", FieldType.TEXT), new StagedColumn("entity_file", FieldType.TEXT),
            new StagedColumn("line", FieldType.INT), new StagedColumn("field", FieldType.TEXT),
            new StagedColumn("reason", FieldType.TEXT), new StagedColumn("value", FieldType.TEXT));

    private final Path folder;
    private final String deliveryFile;
    private StagingFileWriter writer;

    RejectSink(Path folder, String deliveryFile) {
        this.folder = folder;
        this.deliveryFile = deliveryFile;
    }

    void reject(String entityFile, long line, String field, String reason, String value) throws IOException {
        if (writer == null) {
            writer = new StagingFileWriter(folder.resolve(FILE_NAME), COLUMNS);
        }
        writer.write(new Object[] {deliveryFile, entityFile, line, field, reason, value});
    }

    boolean any() {
        return writer != null;
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }
}
