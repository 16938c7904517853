package cn.campaign.warehouse.publish;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report view as published: its key (the row order of its CSV) and, where it counts distinct graduates of one
 * institution, the count columns that small-cell suppression applies to and the columns derived from them.
 */
record ReportView(String name, List<String> key, Set<String> smallCounts, Set<String> derived) {

    static final List<ReportView> ALL = List.of(
            new ReportView("campaign_totals", List.of("campaign_id"), Set.of(), Set.of()),
            new ReportView("cumulative_progress", List.of("campaign_id", "date"), Set.of(), Set.of()),
            new ReportView("daily_region_report", List.of("report_date", "province_code"), Set.of(), Set.of()),
            new ReportView("difficulty_push_compliance", List.of("campaign_id", "institution_code"),
                    Set.of("difficulty_graduates", "pushed_3plus"), Set.of("share_pushed_3plus")),
            new ReportView("institution_visit_compliance", List.of("campaign_id", "institution_code"), Set.of(),
                    Set.of()));

    String fileName() {
        return name + ".csv";
    }

    String orderBy() {
        return String.join(", ", key);
    }

    /** The columns of this row to publish empty: small counts in 1..max, and what derives from any of them. */
    Set<String> suppressedColumns(Map<String, Object> row, long max) {
        Set<String> suppressed = new java.util.LinkedHashSet<>();
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
        return String.join(",", key.stream().map(column -> String.valueOf(row.get(column))).toList());
    }
}
