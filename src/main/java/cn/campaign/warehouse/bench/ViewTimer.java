package cn.campaign.warehouse.bench;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.Model;
import cn.campaign.warehouse.catalog.Models;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Times each report view over a loaded warehouse, as an analyst's read-only session would run it. */
public final class ViewTimer {

    private ViewTimer() {
    }

    /** Seconds of the best of three full reads of each view (the first run also warms the file cache). */
    public static Map<String, Double> time(Path warehouse) throws Exception {
        Map<String, Double> seconds = new LinkedHashMap<>();
        try (Connection connection = Duck.openReadOnly(warehouse.resolve("campaign.duckdb"));
             Statement statement = connection.createStatement()) {
            for (String view : Models.published().stream().map(Model::name).toList()) {
                double best = Double.MAX_VALUE;
                for (int run = 0; run < 3; run++) {
                    long started = System.nanoTime();
                    try (ResultSet rows = statement.executeQuery("select * from " + view)) {
                        while (rows.next()) {
                            rows.getObject(1);
                        }
                    }
                    best = Math.min(best, (System.nanoTime() - started) / 1e9);
                }
                seconds.put(view, best);
            }
        }
        return seconds;
    }
}
