package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.config.Source;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Deliveries loaded and quarantined, the last business date loaded per registered source, "
                + "and the sources with no delivery for DATE.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    WarehouseOptions options;

    @Option(names = "--date", paramLabel = "DATE", description = "the business date to check (default: today, Asia/Shanghai)")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        LocalDate day = date != null ? date : LocalDate.now(ZoneId.of("Asia/Shanghai"));
        OperatorConfig config = options.config();
        WarehouseFolder warehouse = new WarehouseFolder(options.warehouse);
        Map<String, LocalDate> lastLoaded = new HashMap<>();
        Map<String, Boolean> deliveredOnDay = new HashMap<>();
        if (warehouse.hasCatalog()) {
            try (Connection connection = Duck.openReadOnly(warehouse.catalog())) {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("select status, count(*) from load_deliveries "
                             + "group by status order by status")) {
                    System.out.println("Deliveries seen:");
                    while (rows.next()) {
                        System.out.println("  " + rows.getString(1) + ": " + rows.getLong(2));
                    }
                }
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("select file_name, reason, message from load_deliveries "
                             + "where status = 'quarantined' order by seen_at, file_name")) {
                    boolean header = false;
                    while (rows.next()) {
                        if (!header) {
                            System.out.println("Quarantined:");
                            header = true;
                        }
                        System.out.println("  " + rows.getString(1) + "  " + rows.getString(2) + "  "
                                + rows.getString(3));
                    }
                }
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("select source_id, max(business_date) from load_deliveries "
                             + "where status in ('loaded', 'replaced') group by source_id")) {
                    while (rows.next()) {
                        lastLoaded.put(rows.getString(1), rows.getDate(2).toLocalDate());
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement("select distinct source_id from "
                        + "load_deliveries where status in ('loaded', 'replaced') and business_date = ?")) {
                    statement.setDate(1, Date.valueOf(day));
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            deliveredOnDay.put(rows.getString(1), true);
                        }
                    }
                }
            }
        } else {
            System.out.println("No load has committed yet in " + warehouse.root());
        }
        System.out.println("Last business date loaded per registered source:");
        for (Source source : config.sources()) {
            LocalDate last = lastLoaded.get(source.sourceId());
            System.out.println("  " + source.sourceId() + "  " + (last == null ? "never" : last));
        }
        System.out.println("Sources with no delivery for " + day + ":");
        int missing = 0;
        for (Source source : config.sources()) {
            if (!deliveredOnDay.containsKey(source.sourceId())) {
                System.out.println("  " + source.sourceId() + "  " + source.name());
                missing++;
            }
        }
        if (missing == 0) {
            System.out.println("  none: every registered source has delivered");
        }
        return 0;
    }
}
