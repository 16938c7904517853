package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.catalog.LoaderTable;
import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.text.Printable;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.config.Source;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Deliveries loaded and quarantined for DATE with reasons, the last business date loaded per "
                + "registered source, and the sources with no delivery for DATE (who has not reported).")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    WarehouseOptions options;

    @Option(names = "--date", paramLabel = "DATE",
            description = "the business date to report on (default: yesterday, Asia/Shanghai: last night's data)")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        LocalDate day = date != null ? date : LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        OperatorConfig config = options.config();
        WarehouseFolder warehouse = new WarehouseFolder(options.warehouse);
        PrintStream out = System.out;
        Map<String, LocalDate> lastLoaded = new HashMap<>();
        Map<String, String> forDay = new HashMap<>();
        if (warehouse.hasCatalog()) {
            try (Connection connection = Duck.openReadOnly(warehouse.catalog())) {
                out.println("Warehouse " + warehouse.root() + ", as of business date "
                        + scalar(connection, "select as_of_date from " + LoaderTable.STATE.table()));
                out.println("Deliveries seen so far: " + scalar(connection, "select string_agg(status || ' ' || n, "
                        + "', ' order by status) from (select status, count(*) as n from "
                        + LoaderTable.PUBLISHED_LEDGER.table() + " "
                        + "group by status)"));
                out.println();
                out.println("Deliveries for " + day + ":");
                try (PreparedStatement statement = connection.prepareStatement("""
                        select file_name, status, reason, records, rejected, message, source_id
                        from %s
                        where business_date = ? or (business_date is null and seen_at::date >= ?)
                        order by source_id nulls last, sequence, file_name"""
                        .formatted(LoaderTable.PUBLISHED_LEDGER.table()))) {
                    statement.setDate(1, Date.valueOf(day));
                    statement.setDate(2, Date.valueOf(day));
                    try (ResultSet rows = statement.executeQuery()) {
                        boolean any = false;
                        while (rows.next()) {
                            any = true;
                            String status = rows.getString(2);
                            String counts = rows.getObject(4) == null ? ""
                                    : ", " + rows.getLong(4) + " records, " + rows.getLong(5) + " rejected";
                            String code = rows.getString(3);
                            String reason = code == null || code.isEmpty() ? ""
                                    : " (" + code + ") - " + rows.getString(6);
                            out.println("  " + Printable.line(rows.getString(1)) + ": " + status + counts
                                    + Printable.line(reason));
                            String source = rows.getString(7);
                            if (source != null && (status.equals("loaded") || status.equals("replaced"))) {
                                forDay.put(source, "loaded");
                            } else if (source != null && status.equals("quarantined")) {
                                forDay.putIfAbsent(source, "quarantined: " + rows.getString(3));
                            }
                        }
                        if (!any) {
                            out.println("  none");
                        }
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement("select source_id, max(business_date) "
                        + "from " + LoaderTable.PUBLISHED_LEDGER.table() + " where status in ('loaded', 'replaced') "
                        + "group by source_id");
                     ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        lastLoaded.put(rows.getString(1), rows.getDate(2).toLocalDate());
                    }
                }
            }
        } else {
            out.println("No load has committed yet in " + warehouse.root());
        }
        out.println();
        out.println("Last business date loaded per registered source:");
        for (Source source : config.sources()) {
            LocalDate last = lastLoaded.get(source.sourceId());
            out.println("  " + source.sourceId() + "  " + (last == null ? "never" : last) + "  " + source.name());
        }
        long missing = config.sources().stream().filter(s -> !"loaded".equals(forDay.get(s.sourceId()))).count();
        out.println();
        out.println("Not reported for " + day + " (" + missing + " of " + config.sources().size()
                + " registered sources):");
        for (Source source : config.sources()) {
            String state = forDay.get(source.sourceId());
            if (!"loaded".equals(state)) {
                out.println("  " + source.sourceId() + "  " + source.name()
                        + (state == null ? "" : "  (" + state + ")"));
            }
        }
        if (missing == 0) {
            out.println("  none: every registered source has delivered");
        }
        return 0;
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? String.valueOf(rows.getObject(1)) : "";
        }
    }
}
