package cn.campaign.warehouse.publish;

import cn.campaign.warehouse.catalog.Model;
import cn.campaign.warehouse.catalog.Models;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report view as published, as its model file declares it: its key (the row order of its CSV), its Chinese
 * captions, and, where it counts distinct graduates of one institution, the count columns that small-cell suppression
 * applies to and the columns derived from them.
 */
record ReportView(Model model, Set<String> smallCounts, Set<String> derived) {

    /** The report views the models declare published, in name order. */
    static List<ReportView> all() {
        return Models.published().stream().map(model -> new ReportView(model,
                Set.copyOf(model.publish().smallCells()), Set.copyOf(model.publish().derivedFromSmallCells())))
                .toList();
    }

    String name() {
        return model.name();
    }

    List<String> key() {
        return model.key();
    }

    /** The view's Chinese title, or its name where it declares none. */
    String caption() {
        return model.caption() == null ? model.name() : model.caption();
    }

    String fileName() {
        return name() + ".csv";
    }

    String orderBy() {
        return String.join(", ", key());
    }

    /** The columns of this row to publish empty: small counts in 1..max, and what derives from any of them. */
    Set<String> suppressedColumns(Map<String, Object> row, long max) {
        Set<String> suppressed = new LinkedHashSet<>();
        for (String column : smallCounts) {
            Object value = row.get(column);
            if (value instanceof Number number && number.longValue() >= 1 && number.longValue() <= max) {
                suppressed.add(column);
            }
        }
        if (!suppressed.isEmpty()) {
            suppressed.addAll(derived);
        }
        return suppressed;
    }

    /** The row's key values, comma-separated, as the manifest names a suppressed cell. */
    String keyOf(Map<String, Object> row) {
        return String.join(",", key().stream().map(column -> String.valueOf(row.get(column))).toList());
    }
}
