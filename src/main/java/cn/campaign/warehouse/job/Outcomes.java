package cn.campaign.warehouse.job;

import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * What became of each inbox file, as a log event with fields (file, source, business_date, status, reason, records,
 * rejected) for a log aggregator to count and alert on. The logger is on only with {@code --log-format json}: on a
 * text console, load's own lines on stdout say the same.
 */
public final class Outcomes {

    private static final Logger EVENTS = LoggerFactory.getLogger("campaign.outcomes");

    private Outcomes() {
    }

    static void delivery(DeliveryRecord record) {
        LoggingEventBuilder event = EVENTS.atInfo()
                .addKeyValue("file", Printable.line(record.fileName()))
                .addKeyValue("source", record.sourceId())
                .addKeyValue("business_date", record.businessDate() == null ? null : record.businessDate().toString())
                .addKeyValue("status", record.status().name().toLowerCase(java.util.Locale.ROOT))
                .addKeyValue("reason", record.reason() == null ? null : record.reason().name())
                .addKeyValue("records", record.records())
                .addKeyValue("rejected", record.rejected());
        event.log(record.summary());
    }

    static void waiting(String file, String reason) {
        EVENTS.atInfo().addKeyValue("file", Printable.line(file)).addKeyValue("status", "waiting")
                .addKeyValue("reason", reason).log("waiting: {}", Printable.line(file + ": " + reason));
    }

    /** The run's one summary line, with its counts as fields. */
    public static void run(String summary, long loaded, long skipped, long quarantined, int waiting, long records,
                           long rejected, double seconds, String version) {
        EVENTS.atInfo().addKeyValue("event", "load_finished").addKeyValue("loaded", loaded)
                .addKeyValue("skipped", skipped).addKeyValue("quarantined", quarantined)
                .addKeyValue("waiting", waiting).addKeyValue("records", records).addKeyValue("rejected", rejected)
                .addKeyValue("seconds", seconds).addKeyValue("version", version).log(summary);
    }
}
