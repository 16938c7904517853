package cn.campaign.warehouse.parquet;

import cn.campaign.warehouse.model.StagedColumn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Writes rows of staged columns to one Parquet file, through parquet-hadoop without a Hadoop runtime. */
public final class StagingFileWriter implements AutoCloseable {

    /** Row groups of this many rows let DuckDB scan one staged file on both cores. */
    private static final int ROW_GROUP_ROWS = 250_000;

    private final ParquetWriter<Object[]> writer;
    private long rows;

    public StagingFileWriter(Path file, List<StagedColumn> columns) throws IOException {
        MessageType schema = schemaOf(columns);
        writer = new Builder(new LocalOutputFile(file), new RowWriteSupport(schema, columns))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ZstdCodecFactory())
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupRowCountLimit(ROW_GROUP_ROWS)
                // a staged file is read once, whole, by the next build: dictionaries and statistics would cost
                // most of the writing time and save nothing
                .withDictionaryEncoding(false)
                .withStatisticsEnabled(false)
                .withSizeStatisticsEnabled(false)
                .build();
    }

    public void write(Object[] row) throws IOException {
        writer.write(row);
        rows++;
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    static MessageType schemaOf(List<StagedColumn> columns) {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (StagedColumn column : columns) {
            builder.addField(typeOf(column));
        }
        return builder.named("staged");
    }

    private static Type typeOf(StagedColumn column) {
        return switch (column.type()) {
            case TEXT -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named(column.name());
            case INT -> Types.optional(PrimitiveTypeName.INT64).named(column.name());
            case DECIMAL -> Types.optional(PrimitiveTypeName.DOUBLE).named(column.name());
            case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType())
                    .named(column.name());
            case BOOL -> Types.optional(PrimitiveTypeName.BOOLEAN).named(column.name());
        };
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
            return support;
        }
    }
}
