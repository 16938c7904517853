package cn.campaign.warehouse.status;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.LoaderTable;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.config.Source;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code status} reports for a business date, read from the committed catalog: the deliveries of that date,
 * and each registered source's freshness. Monitoring reads the same facts as the operator, as text or JSON.
 *
 * @param asOfDate the latest business date the committed warehouse reflects (null: nothing committed yet)
 * @param seen how many inbox files were seen so far, by status
 */
public record DeliveryStatusReport(LocalDate date, Instant checkedAt, boolean committed, LocalDate asOfDate,
                                   Map<String, Long> seen, List<Delivery> deliveries, List<SourceFreshness> sources) {

    /** One inbox file of the date (or, its name unreadable, seen on or after it). */
    public record Delivery(String fileName, String sourceId, String status, String reason, String message,
                           Long records, Long rejected) {
    }

    public static DeliveryStatusReport read(WarehouseFolder warehouse, OperatorConfig config, LocalDate date,
                                            Instant now) throws SQLException {
        Map<String, LocalDate> lastLoaded = new HashMap<>();
        Map<String, Long> seen = new LinkedHashMap<>();
        List<Delivery> deliveries = new ArrayList<>();
        LocalDate asOf = null;
        if (warehouse.hasCatalog()) {
            try (Connection connection = Duck.openReadOnly(warehouse.catalog())) {
                asOf = asOf(connection);
                readSeen(connection, seen);
                readDeliveries(connection, date, deliveries);
                readLastLoaded(connection, lastLoaded);
            }
        }
        List<SourceFreshness> sources = new ArrayList<>();
        for (Source source : config.sources()) {
            boolean loaded = deliveries.stream().anyMatch(d -> source.sourceId().equals(d.sourceId())
                    && (d.status().equals("loaded") || d.status().equals("replaced")));
            String refused = deliveries.stream().filter(d -> source.sourceId().equals(d.sourceId())
                    && d.status().equals("quarantined")).map(d -> "quarantined: " + d.reason()).findFirst()
                    .orElse(null);
            sources.add(SourceFreshness.assess(source, date, loaded, lastLoaded.get(source.sourceId()), refused, now,
                    config));
        }
        return new DeliveryStatusReport(date, now, warehouse.hasCatalog(), asOf, seen, deliveries, sources);
    }

    /** The sources in this freshness. */
    public List<SourceFreshness> sources(Freshness freshness) {
        return sources.stream().filter(source -> source.freshness() == freshness).toList();
    }

    /** The worst freshness of any source: what a monitoring system alerts on. */
    public Freshness worst() {
        return sources.stream().map(SourceFreshness::freshness).max(Enum::compareTo).orElse(Freshness.LOADED);
    }

    private static LocalDate asOf(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select as_of_date from "
                + LoaderTable.STATE.table());
             ResultSet rows = statement.executeQuery()) {
            return rows.next() && rows.getDate(1) != null ? rows.getDate(1).toLocalDate() : null;
        }
    }

    private static void readSeen(Connection connection, Map<String, Long> seen) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select status, count(*) from "
                + LoaderTable.PUBLISHED_LEDGER.table() + " group by status order by status");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                seen.put(rows.getString(1), rows.getLong(2));
            }
        }
    }

    private static void readDeliveries(Connection connection, LocalDate date, List<Delivery> deliveries)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select file_name, source_id, status, reason, message, records, rejected
                from %s
                where business_date = ? or (business_date is null and seen_at::date >= ?)
                order by source_id nulls last, sequence, file_name"""
                .formatted(LoaderTable.PUBLISHED_LEDGER.table()))) {
            statement.setDate(1, Date.valueOf(date));
            statement.setDate(2, Date.valueOf(date));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String reason = rows.getString(4);
                    deliveries.add(new Delivery(rows.getString(1), rows.getString(2), rows.getString(3),
                            reason == null || reason.isEmpty() ? null : reason, rows.getString(5),
                            (Long) rows.getObject(6, Long.class), (Long) rows.getObject(7, Long.class)));
                }
            }
        }
    }

    private static void readLastLoaded(Connection connection, Map<String, LocalDate> lastLoaded) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select source_id, max(business_date) from "
                + LoaderTable.PUBLISHED_LEDGER.table() + " where status in ('loaded', 'replaced') group by source_id");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                lastLoaded.put(rows.getString(1), rows.getDate(2).toLocalDate());
            }
        }
    }
}
