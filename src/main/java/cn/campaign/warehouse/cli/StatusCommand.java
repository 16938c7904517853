package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.job.JobHistoryDatabase;
import cn.campaign.warehouse.shared.SharedCatalog;
import cn.campaign.warehouse.status.DeliveryStatusReport;
import cn.campaign.warehouse.status.Freshness;
import cn.campaign.warehouse.status.SourceFreshness;
import cn.campaign.warehouse.text.Printable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Deliveries loaded and quarantined for DATE with reasons, the last business date loaded per "
                + "registered source, and the sources with no delivery for DATE (who has not reported), each graded "
                + "like dbt's source freshness: loaded, pending (not due yet), warn or error (late past the source's "
                + "warn_after or error_after; the deadline and both thresholds are set in jobs/).",
            "Exit 0, whatever the sources' freshness; with --exit-code, for a monitoring system: 0 every source "
                + "loaded or not due yet, 2 a source late past warn_after, 3 a source late past error_after. "
                + "Either way 1: status itself could not run."})
final class StatusCommand implements Callable<Integer> {

    static final int WARN = 2;
    static final int ERROR = 3;
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Mixin
    WarehouseOptions options;

    @Option(names = "--date", paramLabel = "DATE",
            description = "the business date to report on (default: yesterday in the schedule's zone: last night's "
                    + "data, due today at the deadline)")
    LocalDate date;

    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean json;

    @Option(names = "--exit-code", description = "exit 2 when a source is late past warn_after, 3 past error_after")
    boolean exitCode;

    @Override
    public Integer call() throws Exception {
        OperatorConfig config = options.config();
        Instant now = Instant.now();
        LocalDate day = date != null ? date : LocalDate.ofInstant(now, config.scheduleZone()).minusDays(1);
        WarehouseFolder warehouse = new WarehouseFolder(options.warehouse);
        DeliveryStatusReport report = DeliveryStatusReport.read(warehouse, config, day, now);
        JobHistoryDatabase.LastRunOrReason lastRun = JobHistoryDatabase.lastRunOf(warehouse,
                config.sharedCatalog().map(SharedCatalog::new));
        if (json) {
            printJson(report, lastRun, warehouse, config);
        } else {
            printText(report, warehouse, System.out);
            System.out.println(lastRunLine(lastRun));
        }
        if (!exitCode) {
            return 0;
        }
        return switch (report.worst()) {
            case ERROR -> ERROR;
            case WARN -> WARN;
            default -> 0;
        };
    }

    private static void printText(DeliveryStatusReport report, WarehouseFolder warehouse, PrintStream out) {
        LocalDate day = report.date();
        if (report.committed()) {
            out.println("Warehouse " + warehouse.root() + ", as of business date " + report.asOfDate());
            out.println("Deliveries seen so far: " + report.seen().entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", ")));
            out.println();
            out.println("Deliveries for " + day + ":");
            for (DeliveryStatusReport.Delivery delivery : report.deliveries()) {
                String counts = delivery.records() == null ? ""
                        : ", " + delivery.records() + " records, " + delivery.rejected() + " rejected";
                String reason = delivery.reason() == null ? "" : " (" + delivery.reason() + ") - " + delivery.message();
                out.println("  " + Printable.line(delivery.fileName()) + ": " + delivery.status() + counts
                        + Printable.line(reason));
            }
            if (report.deliveries().isEmpty()) {
                out.println("  none");
            }
        } else {
            out.println("No load has committed yet in " + warehouse.root());
        }
        out.println();
        out.println("Last business date loaded per registered source:");
        for (SourceFreshness source : report.sources()) {
            out.println("  " + source.source().sourceId() + "  " + (source.lastLoaded() == null ? "never"
                    : source.lastLoaded()) + "  " + source.source().name());
        }
        List<SourceFreshness> missing = report.sources().stream()
                .filter(source -> source.freshness() != Freshness.LOADED).toList();
        out.println();
        out.println("Not reported for " + day + " (" + missing.size() + " of " + report.sources().size()
                + " registered sources):");
        for (SourceFreshness source : missing) {
            out.println("  " + source.source().sourceId() + "  " + source.source().name() + "  " + grade(source)
                    + (source.refused() == null ? "" : "  (" + source.refused() + ")"));
        }
        if (missing.isEmpty()) {
            out.println("  none: every registered source has delivered");
        }
        Map<Freshness, Long> grades = report.sources().stream()
                .collect(Collectors.groupingBy(SourceFreshness::freshness, Collectors.counting()));
        out.println();
        if (!report.sources().isEmpty()) {
            java.time.ZonedDateTime due = report.sources().get(0).dueAt();
            out.println("Deliveries for " + day + " are due " + DUE.format(due) + "; checked "
                    + DUE.format(report.checkedAt().atZone(due.getZone())) + ".");
        }
        out.println("Freshness: " + java.util.Arrays.stream(Freshness.values())
                .map(freshness -> grades.getOrDefault(freshness, 0L) + " " + freshness.label())
                .collect(Collectors.joining(", ")));
    }

    /** The newest load run, wherever it ran: with a shared catalog, the history is the one all machines share. */
    private static String lastRunLine(JobHistoryDatabase.LastRunOrReason lastRun) {
        if (lastRun.unreadable() != null) {
            return "Last load run: unknown (" + lastRun.unreadable() + ")";
        }
        JobHistoryDatabase.LastRun run = lastRun.run();
        if (run == null) {
            return "Last load run: none yet";
        }
        return "Last load run: #" + run.id() + ", started " + RUN_TIME.format(run.started()) + ", "
                + run.status().toLowerCase(java.util.Locale.ROOT)
                + (run.ended() == null ? " (running, or killed: the next load closes it)"
                : ", ended " + RUN_TIME.format(run.ended()));
    }

    private static String grade(SourceFreshness source) {
        return switch (source.freshness()) {
            case PENDING -> "pending";
            case WARN, ERROR -> source.freshness().label() + ": " + lateness(source.minutesLate()) + " late";
            case LOADED -> "loaded";
        };
    }

    private static String lateness(long minutes) {
        if (minutes >= 2 * 24 * 60) {
            return String.format(java.util.Locale.ROOT, "%,d days", minutes / (24 * 60));
        }
        return minutes >= 120 ? minutes / 60 + " h" : minutes + " min";
    }

    private static void printJson(DeliveryStatusReport report, JobHistoryDatabase.LastRunOrReason lastRun,
                                  WarehouseFolder warehouse, OperatorConfig config) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode document = mapper.createObjectNode();
        document.put("warehouse", warehouse.root().toAbsolutePath().toString());
        document.put("date", report.date().toString());
        document.put("checked_at", report.checkedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .atZone(config.scheduleZone())
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        document.put("committed", report.committed());
        document.put("as_of_date", report.asOfDate() == null ? null : report.asOfDate().toString());
        ObjectNode seen = document.putObject("deliveries_seen");
        report.seen().forEach(seen::put);
        ArrayNode deliveries = document.putArray("deliveries");
        for (DeliveryStatusReport.Delivery delivery : report.deliveries()) {
            deliveries.addObject().put("file_name", delivery.fileName()).put("source_id", delivery.sourceId())
                    .put("status", delivery.status()).put("reason", delivery.reason())
                    .put("message", delivery.message()).put("records", delivery.records())
                    .put("rejected", delivery.rejected());
        }
        ArrayNode sources = document.putArray("sources");
        for (SourceFreshness source : report.sources()) {
            sources.addObject().put("source_id", source.source().sourceId()).put("name", source.source().name())
                    .put("freshness", source.freshness().label())
                    .put("last_loaded", source.lastLoaded() == null ? null : source.lastLoaded().toString())
                    .put("due_at", source.dueAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .put("minutes_late", source.minutesLate())
                    .put("warn_after_minutes", config.warnAfter(source.source()).toMinutes())
                    .put("error_after_minutes", config.errorAfter(source.source()).toMinutes())
                    .put("refused", source.refused());
        }
        ObjectNode summary = document.putObject("freshness");
        for (Freshness freshness : Freshness.values()) {
            summary.put(freshness.label(), report.sources(freshness).size());
        }
        document.put("worst", report.worst().label());
        ObjectNode run = document.putObject("last_run");
        if (lastRun.run() != null) {
            run.put("id", lastRun.run().id()).put("started", lastRun.run().started().toString())
                    .put("ended", lastRun.run().ended() == null ? null : lastRun.run().ended().toString())
                    .put("status", lastRun.run().status()).put("exit_code", lastRun.run().exitCode());
        }
        run.put("unreadable", lastRun.unreadable());
        // Jackson escapes control characters in strings: delivered text reaches the terminal escaped
        System.out.println(mapper.writeValueAsString(document));
    }
}
