package cn.campaign.warehouse.publish;

import cn.campaign.warehouse.catalog.LoaderTable;
import cn.campaign.warehouse.catalog.Model;
import cn.campaign.warehouse.config.Campaign;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.config.Source;
import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.DeliveryStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything one snapshot publishes, read once from the state as of its date: the report views' rows, the names
 * their code columns stand for, the campaign calendar, the deliveries the state reflects and the registered sources
 * with no delivery for the date. The CSVs, the workbook and the page are all written from it.
 */
record SnapshotContents(LocalDate asOf, List<ReportTable> tables, Map<String, Map<String, String>> names,
                        List<Campaign> campaigns, List<String> deliveries, List<SourceState> notReported,
                        long smallCellMax) {

    /** A registered source with no delivery loaded for the snapshot's date, and what became of one if it came. */
    record SourceState(String sourceId, String name, String state) {
    }

    static SnapshotContents read(Connection state, LocalDate asOf, OperatorConfig config, List<DeliveryRecord> ledger)
            throws SQLException {
        List<String> deliveries = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        try (Statement statement = state.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select file_name, source_id, business_date from " + LoaderTable.EFFECTIVE.table()
                             + " order by file_name")) {
            while (rows.next()) {
                deliveries.add(rows.getString(1));
                if (rows.getDate(3) != null && rows.getDate(3).toLocalDate().equals(asOf)) {
                    reported.add(rows.getString(2));
                }
            }
        }
        List<ReportTable> tables = new ArrayList<>();
        try (Statement statement = state.createStatement()) {
            for (ReportView view : ReportView.all()) {
                try (ResultSet rows = statement.executeQuery(
                        "select * from " + view.name() + " order by " + view.orderBy())) {
                    tables.add(ReportTable.read(rows, view, config.smallCellMax()));
                }
            }
        }
        return new SnapshotContents(asOf, List.copyOf(tables), names(state, tables), config.campaigns(),
                List.copyOf(deliveries), notReported(config, ledger, asOf, reported), config.smallCellMax());
    }

    /** For each code column whose model names where its names are, the name of each code. */
    private static Map<String, Map<String, String>> names(Connection state, List<ReportTable> tables)
            throws SQLException {
        Map<String, String> sources = new TreeMap<>();
        for (ReportTable table : tables) {
            table.view().model().columns().forEach((column, declared) -> {
                if (declared.names() != null) {
                    sources.put(column, declared.names());
                }
            });
        }
        Map<String, Map<String, String>> names = new TreeMap<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            String[] model = source.getValue().split("\\.");
            Map<String, String> byCode = new TreeMap<>();
            try (PreparedStatement statement = state.prepareStatement(("select %1$s, min(%3$s) from %2$s "
                    + "where %1$s is not null group by all").formatted(source.getKey(), model[0], model[1]));
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byCode.put(rows.getString(1), rows.getString(2));
                }
            }
            names.put(source.getKey(), byCode);
        }
        return names;
    }

    private static List<SourceState> notReported(OperatorConfig config, List<DeliveryRecord> ledger, LocalDate asOf,
                                                 Set<String> reported) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (DeliveryRecord delivery : ledger) {
            if (asOf.equals(delivery.businessDate()) && delivery.status() == DeliveryStatus.QUARANTINED
                    && delivery.reason() != null) {
                refused.putIfAbsent(delivery.sourceId(), "quarantined: " + delivery.reason().name());
            }
        }
        List<SourceState> missing = new ArrayList<>();
        for (Source source : config.sources()) {
            if (!reported.contains(source.sourceId())) {
                missing.add(new SourceState(source.sourceId(), source.name(), refused.get(source.sourceId())));
            }
        }
        return List.copyOf(missing);
    }

    /** The model of a published view's column, for its caption and meaning. */
    static Model.Column column(ReportTable table, String column) {
        return table.view().model().columns().get(column);
    }
}
