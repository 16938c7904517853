package cn.campaign.warehouse.parquet;

import cn.campaign.warehouse.model.StagedColumn;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes {@code Object[]} rows whose values follow a list of staged columns; {@code null} is a missing value. */
final class RowWriteSupport extends WriteSupport<Object[]> {

    private final MessageType schema;
    private final List<StagedColumn> columns;
    private RecordConsumer consumer;

    RowWriteSupport(MessageType schema, List<StagedColumn> columns) {
        this.schema = schema;
        this.columns = columns;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
        consumer.startMessage();
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value == null) {
                continue;
            }
            StagedColumn column = columns.get(i);
            consumer.startField(column.name(), i);
            switch (column.type()) {
                case TEXT -> consumer.addBinary(Binary.fromString((String) value));
                case INT -> consumer.addLong(((Number) value).longValue());
                case DECIMAL -> consumer.addDouble(((Number) value).doubleValue());
                case DATE -> consumer.addInteger((int) ((LocalDate) value).toEpochDay());
                case BOOL -> consumer.addBoolean((Boolean) value);
            }
            consumer.endField(column.name(), i);
        }
        consumer.endMessage();
    }
}
