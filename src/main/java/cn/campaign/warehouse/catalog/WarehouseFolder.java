package cn.campaign.warehouse.catalog;

import cn.campaign.warehouse.ingest.DeliveryReason;
import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.DeliveryStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse folder. {@code campaign.duckdb} is the committed state; a load builds the next one in
 * {@code tmp/} and renames it over the old file in one step, so a reader holding the old file keeps reading
 * the old state and the next reader opens the new one. {@code staging/} keeps the records of every accepted
 * delivery (one folder of Parquet files each, and all of them with the staging tables in {@code records.duckdb}),
 * {@code star/<table>/} the star schema's Apache Iceberg tables (data files, delete files and metadata), whose
 * current metadata the catalog records, {@code batch/} the job history. {@code standby/} keeps the state before the
 * committed one and the changes the last load made to it, so that the next load brings that file up to date instead
 * of copying the whole committed catalog (see {@link StandbyCatalog}).
 */
public record WarehouseFolder(Path root) {

    private static final Logger log = LoggerFactory.getLogger(WarehouseFolder.class);

    public static final String CATALOG = "campaign.duckdb";
    public static final String STAGED_RECORDS = "records.duckdb";

    public WarehouseFolder {
        root = root.toAbsolutePath().normalize();
    }

    public Path catalog() {
        return root.resolve(CATALOG);
    }

    public Path staging() {
        return root.resolve("staging");
    }

    /** The staging tables kept between loads; private to the loader, never opened by readers. */
    public Path stagedRecords() {
        return staging().resolve(STAGED_RECORDS);
    }

    public Path star() {
        return root.resolve("star");
    }

    /** Whether {@code star/} holds only files that commits made (see {@link CommittedStarMark}). */
    public CommittedStarMark committedStarMark() {
        return new CommittedStarMark(star());
    }

    public Path scratch() {
        return root.resolve("tmp");
    }

    /** The committed state before the current one, which no reader opens by this name. */
    public Path standby() {
        return root.resolve("standby").resolve(CATALOG);
    }

    /** What the last load changed in the state it continued (see {@link NightChanges}). */
    public Path nightChanges() {
        return root.resolve("standby").resolve("changes.duckdb");
    }

    public Path batch() {
        return root.resolve("batch");
    }

    public boolean hasCatalog() {
        return Files.isRegularFile(catalog());
    }

    /**
     * The staging folders of the deliveries the committed state has staged; empty before the first load. Read alone,
     * not from {@link #committedLedger}: a load asks before it reads the ledger, and thousands of records cost that
     * read a few hundred milliseconds.
     */
    public Set<String> committedStagingKeys() throws SQLException {
        Set<String> keys = new HashSet<>();
        if (!hasCatalog()) {
            return keys;
        }
        try (Connection connection = Duck.openReadOnly(catalog());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select distinct staging_key from " + LoaderTable.LEDGER.table()
                     + " where staging_key is not null")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    /** Every file the committed state has seen; empty before the first load. */
    public List<DeliveryRecord> committedLedger() throws SQLException {
        List<DeliveryRecord> records = new ArrayList<>();
        if (!hasCatalog()) {
            return records;
        }
        try (Connection connection = Duck.openReadOnly(catalog());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select file_name, sha256, source_id, business_date, sequence, "
                     + "accepted, status, reason, records, rejected, seen_at, message, staging_key, "
                     + (hasLedgerColumn(connection, "file_modified_at") ? "file_size, file_modified_at"
                     : "null::bigint, null::timestamptz") + ", "
                     + (hasLedgerColumn(connection, "redacted") ? "redacted" : "null::bigint") + ", "
                     + (hasLedgerColumn(connection, "file_changed_at") ? "file_changed_at" : "null::timestamptz")
                     + " from " + LoaderTable.LEDGER.table() + " order by seen_at, file_name")) {
            while (rows.next()) {
                boolean accepted = rows.getBoolean(6);
                records.add(new DeliveryRecord(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getDate(4) == null ? null : rows.getDate(4).toLocalDate(),
                        (Integer) rows.getObject(5),
                        accepted ? DeliveryStatus.LOADED : DeliveryStatus.valueOf(rows.getString(7).toUpperCase()),
                        rows.getString(8) == null ? null : DeliveryReason.valueOf(rows.getString(8)),
                        (Long) rows.getObject(9), (Long) rows.getObject(10), (Long) rows.getObject(16),
                        rows.getObject(11, OffsetDateTime.class).toInstant(), rows.getString(12),
                        rows.getString(13), (Long) rows.getObject(14),
                        instant(rows, 15), instant(rows, 17)));
            }
        }
        return records;
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column) == null ? null : rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    /**
     * Whether the committed ledger has a column added by a later release: catalogs committed before file sizes and
     * times were kept have none (their files are hashed at every scan), nor those before redactions were counted.
     */
    private static boolean hasLedgerColumn(Connection connection, String column) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from duckdb_columns() "
                     + "where table_name = '" + LoaderTable.LEDGER.table() + "' and column_name = '" + column + "'")) {
            return rows.next() && rows.getLong(1) > 0;
        }
    }

    /** Whether the committed catalog has the table (a catalog committed by an earlier release may not). */
    public boolean committedCatalogHas(String table) throws SQLException {
        if (!hasCatalog()) {
            return false;
        }
        try (Connection connection = Duck.openReadOnly(catalog());
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from duckdb_tables() where table_name = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    /** The version of the committed state, if any. */
    public Optional<String> committedVersion() throws SQLException {
        if (!hasCatalog()) {
            return Optional.empty();
        }
        try (Connection connection = Duck.openReadOnly(catalog());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select version from " + LoaderTable.STATE.table())) {
            return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        }
    }

    /**
     * Makes a built catalog the committed state in one rename. The state it replaces stays as the standby: a second
     * name for the same file, so readers holding it keep reading it undisturbed.
     */
    public void commit(Path builtCatalog) throws IOException {
        if (hasCatalog()) {
            Files.createDirectories(standby().getParent());
            Duck.delete(standby());
            try {
                Files.createLink(standby(), catalog());
            } catch (IOException | UnsupportedOperationException e) {
                // a file system without hard links: each load copies the committed state instead
                log.debug("no standby kept beside the committed state", e);
            }
        }
        Files.move(builtCatalog, catalog(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
