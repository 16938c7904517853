package cn.campaign.warehouse.publish;

import cn.campaign.warehouse.catalog.LoaderTable;
import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.WarehouseBuild;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.ingest.DeliveryRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the report snapshot of a date: the state of the effective deliveries whose business date is on or
 * before it, as if nothing later had arrived, so re-publishing an old date later gives the same CSVs. The
 * committed state is that state when it is as of the date (the usual daily report, read in seconds); an earlier
 * date is rebuilt in memory from the staged deliveries. The folder appears complete or not at all, and a replaced
 * one is never lost: see {@link SnapshotFolder}.
 */
public final class SnapshotPublisher {

    private static final Logger log = LoggerFactory.getLogger(SnapshotPublisher.class);

    private final WarehouseFolder warehouse;
    private final OperatorConfig config;

    public SnapshotPublisher(WarehouseFolder warehouse, OperatorConfig config) {
        this.warehouse = warehouse;
        this.config = config;
    }

    /**
     * Writes the snapshot of {@code asOf} under {@code out}. A date after the latest business date loaded is refused
     * unless {@code beyondLoaded}: its snapshot would show the days no delivery covers yet as days without activity,
     * and a published snapshot is never changed.
     */
    public Path publish(LocalDate asOf, Path out, boolean force, boolean beyondLoaded) throws Exception {
        if (!warehouse.hasCatalog()) {
            throw new IllegalStateException("there is no warehouse at " + warehouse.root() + "; run load first");
        }
        if (!beyondLoaded) {
            LocalDate latest;
            try (Connection committed = Duck.openReadOnly(warehouse.catalog())) {
                latest = committedAsOf(committed);
            }
            if (latest == null || asOf.isAfter(latest)) {
                throw new IllegalArgumentException((latest == null ? "no delivery has been loaded yet"
                        : "the latest business date loaded is " + latest) + ", so a snapshot as of " + asOf
                        + " would report the days after it as days without activity; publish an earlier date, or "
                        + "pass --beyond-loaded to publish this one anyway");
            }
        }
        try (SnapshotFolder folder = SnapshotFolder.open(out.toAbsolutePath())) {
            return publish(asOf, folder, force);
        }
    }

    private Path publish(LocalDate asOf, SnapshotFolder folder, boolean force) throws Exception {
        Path target = folder.target(asOf);
        if (Files.exists(target) && !force) {
            throw new IllegalStateException("the snapshot " + target + " already exists and a published snapshot is "
                    + "never changed; pass --force to write it again");
        }
        List<DeliveryRecord> ledger = warehouse.committedLedger();
        Path partial = folder.partial(asOf);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode manifest = json.createObjectNode();
        manifest.put("as_of", asOf.toString());
        manifest.put("generated_at", Instant.now().toString());
        ArrayNode files = manifest.putArray("files");
        ArrayNode deliveries = manifest.putArray("deliveries");
        ArrayNode suppressed = manifest.putArray("suppressed");
        long started = System.nanoTime();
        SnapshotContents contents;
        try (Connection committed = Duck.openReadOnly(warehouse.catalog())) {
            if (asOf.equals(committedAsOf(committed))) {
                log.info("publishing {} from the committed state, which is as of that date", asOf);
                contents = SnapshotContents.read(committed, asOf, config, ledger);
            } else {
                log.info("rebuilding the state as of {} from the staged deliveries (the committed state is as of {})",
                        asOf, committedAsOf(committed));
                try (WarehouseBuild build = rebuild(ledger, asOf)) {
                    contents = SnapshotContents.read(build.connection(), asOf, config, ledger);
                }
            }
        }
        log.info("read the report views in {} ms", (System.nanoTime() - started) / 1_000_000);
        contents.deliveries().forEach(deliveries::add);
        for (ReportTable table : contents.tables()) {
            byte[] csv = CsvSnapshotWriter.write(table);
            Files.write(partial.resolve(table.view().fileName()), csv);
            files.addObject().put("name", table.view().fileName()).put("rows", table.rows().size())
                    .put("sha256", sha256(csv));
            for (ReportTable.Suppressed cell : table.suppressed()) {
                suppressed.addObject().put("file", table.view().fileName()).put("key", cell.key())
                        .put("column", cell.column());
            }
        }
        // the documents people open rather than load: beside the CSVs, listed apart so that "files" stays the
        // views' CSVs with their row counts
        ArrayNode documents = manifest.putArray("documents");
        // the workbook takes longest: written on another core meanwhile
        CompletableFuture<Timed> workbook = CompletableFuture.supplyAsync(
                () -> Timed.of(() -> WorkbookWriter.write(contents)));
        Map<String, Timed> written = new LinkedHashMap<>();
        written.put("legend.csv", Timed.of(() -> LegendWriter.write(contents)));
        Timed page = Timed.of(() -> HtmlReportWriter.write(contents));
        written.put("report.xlsx", join(workbook));
        written.put("report.html", page);
        for (Map.Entry<String, Timed> document : written.entrySet()) {
            byte[] bytes = document.getValue().bytes();
            Files.write(partial.resolve(document.getKey()), bytes);
            documents.addObject().put("name", document.getKey()).put("bytes", bytes.length)
                    .put("sha256", sha256(bytes));
            log.info("wrote {} ({} KB) in {} ms", document.getKey(), bytes.length / 1000, document.getValue().millis());
        }
        json.writeValue(partial.resolve("manifest.json").toFile(), manifest);
        return folder.publish(asOf);
    }

    /** The business date the committed state reflects: a snapshot of that date can be read from it as it is. */
    private static LocalDate committedAsOf(Connection committed) throws SQLException {
        try (Statement statement = committed.createStatement();
             ResultSet rows = statement.executeQuery("select as_of_date from " + LoaderTable.STATE.table())) {
            return rows.next() && rows.getDate(1) != null ? rows.getDate(1).toLocalDate() : null;
        }
    }

    private WarehouseBuild rebuild(List<DeliveryRecord> ledger, LocalDate asOf) throws SQLException {
        return WarehouseBuild.inMemory(config, ledger, asOf, warehouse.scratch(), warehouse.staging(), true);
    }

    /** A document's bytes and how long they took to write. */
    private record Timed(byte[] bytes, long millis) {

        static Timed of(Supplier<byte[]> writer) {
            long started = System.nanoTime();
            byte[] bytes = writer.get();
            return new Timed(bytes, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static Timed join(CompletableFuture<Timed> document) throws Exception {
        try {
            return document.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
