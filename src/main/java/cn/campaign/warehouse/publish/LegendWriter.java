package cn.campaign.warehouse.publish;

import cn.campaign.warehouse.catalog.Dictionary;
import cn.campaign.warehouse.catalog.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes {@code legend.csv}: for every published file and column, its Chinese caption and its meaning, as the model
 * files declare them, so that a reader of the CSVs needs nothing else to understand a header.
 */
final class LegendWriter {

    private LegendWriter() {
    }

    static byte[] write(SnapshotContents contents) {
        List<List<?>> lines = new ArrayList<>();
        lines.add(List.of("file", "column", "caption", "meaning"));
        Dictionary dictionary = Dictionary.read();
        for (ReportTable table : contents.tables()) {
            Model model = table.view().model();
            lines.add(Arrays.asList(table.view().fileName(), null, table.view().caption(),
                    dictionary.meaningOf(model.name())));
            for (String column : table.columns()) {
                Model.Column declared = SnapshotContents.column(table, column);
                lines.add(Arrays.asList(table.view().fileName(), column, model.captionOf(column),
                        declared == null ? null : declared.description()));
            }
        }
        return CsvSnapshotWriter.write(lines);
    }
}
