package cn.campaign.warehouse.publish;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.WarehouseBuild;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.ingest.DeliveryRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * Publishes the report snapshot of a date: the warehouse is rebuilt in memory from the effective deliveries whose
 * business date is on or before it, as if nothing later had arrived, so re-publishing an old date later gives
 * the same CSVs. The folder appears complete or not at all (written aside, then renamed).
 */
public final class SnapshotPublisher {

    private final WarehouseFolder warehouse;
    private final OperatorConfig config;

    public SnapshotPublisher(WarehouseFolder warehouse, OperatorConfig config) {
        this.warehouse = warehouse;
        this.config = config;
    }

    public Path publish(LocalDate asOf, Path out, boolean force) throws Exception {
        Path target = out.toAbsolutePath().resolve(asOf.toString());
        if (Files.exists(target) && !force) {
            throw new IllegalStateException("the snapshot " + target + " already exists and a published snapshot is "
                    + "never changed; pass --force to write it again");
        }
        if (!warehouse.hasCatalog()) {
            throw new IllegalStateException("there is no warehouse at " + warehouse.root() + "; run load first");
        }
        List<DeliveryRecord> ledger = warehouse.committedLedger();
        Path partial = out.toAbsolutePath().resolve("." + asOf + ".partial");
        WarehouseFolder.deleteTree(partial);
        Files.createDirectories(partial);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode manifest = json.createObjectNode();
        manifest.put("as_of", asOf.toString());
        manifest.put("generated_at", Instant.now().toString());
        ArrayNode files = manifest.putArray("files");
        ArrayNode deliveries = manifest.putArray("deliveries");
        ArrayNode suppressed = manifest.putArray("suppressed");
        try (WarehouseBuild build = new WarehouseBuild(Duck.open(null, warehouse.scratch()), warehouse.staging())) {
            build.loadReferences(config);
            build.loadLedger(ledger, asOf);
            build.stageRecords();
            build.buildTables("dim_");
            build.buildTables("fact_");
            build.createMarts();
            try (Statement statement = build.connection().createStatement()) {
                try (ResultSet rows = statement.executeQuery(
                        "select file_name from effective_deliveries order by file_name")) {
                    while (rows.next()) {
                        deliveries.add(rows.getString(1));
                    }
                }
                for (ReportView view : ReportView.ALL) {
                    try (ResultSet rows = statement.executeQuery(
                            "select * from " + view.name() + " order by " + view.orderBy())) {
                        CsvSnapshotWriter.Written written = CsvSnapshotWriter.write(rows, view, config.smallCellMax());
                        Files.write(partial.resolve(view.fileName()), written.bytes());
                        ObjectNode file = files.addObject();
                        file.put("name", view.fileName());
                        file.put("rows", written.rows());
                        file.put("sha256", sha256(written.bytes()));
                        for (CsvSnapshotWriter.Suppressed cell : written.suppressed()) {
                            suppressed.addObject().put("file", view.fileName()).put("key", cell.key())
                                    .put("column", cell.column());
                        }
                    }
                }
            }
        }
        json.writeValue(partial.resolve("manifest.json").toFile(), manifest);
        if (Files.exists(target)) {
            WarehouseFolder.deleteTree(target);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
