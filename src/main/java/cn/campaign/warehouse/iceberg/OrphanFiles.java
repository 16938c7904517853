package cn.campaign.warehouse.iceberg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the files under {@code star/} that no table of the committed catalog can reach: what a load killed before
 * its commit wrote. Reachable are each table's current and logged metadata files, and the manifest lists,
 * manifests, data files and delete files of every snapshot it keeps, so no file a committed snapshot needs is ever
 * removed. Every folder under {@code star/} is taken for a table's: run it after the exports of earlier releases
 * ({@code star/<version>/}) are gone, under the writer's lock only. When the committed catalog cannot be read as
 * Iceberg's, nothing is removed.
 */
public final class OrphanFiles {

    private static final Logger log = LoggerFactory.getLogger(OrphanFiles.class);

    private OrphanFiles() {
    }

    /** Removes the unreachable files; returns how many. */
    public static long remove(Connection committed, Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Set<Path> reachable;
        try {
            reachable = reachable((DuckDBConnection) committed, root);
        } catch (RuntimeException e) {
            log.warn("the star's Iceberg tables of the committed state cannot be read ({}); no file under {} is "
                    + "removed", e.getMessage(), root);
            return 0;
        }
        long removed = 0;
        try (Stream<Path> tables = Files.list(root)) {
            for (Path table : tables.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(table)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        if (!reachable.contains(file.toAbsolutePath().normalize())) {
                            Files.deleteIfExists(file);
                            removed++;
                        }
                    }
                }
            }
        }
        if (removed > 0) {
            // a copied warehouse folder's catalog names the files of the folder it was copied from
            log.info("removed {} file(s) under {} that the committed state does not use (a load which did not commit "
                    + "wrote them, or the warehouse folder was copied from another)", removed, root);
        }
        return removed;
    }

    private static Set<Path> reachable(DuckDBConnection committed, Path root) throws IOException {
        Set<Path> reachable = new HashSet<>();
        try (JdbcCatalog catalog = StarTables.catalogIn(committed, root, false)) {
            if (!catalog.namespaceExists(StarTables.NAMESPACE)) {
                return reachable;
            }
            List<TableIdentifier> tables = catalog.listTables(StarTables.NAMESPACE);
            for (TableIdentifier id : tables) {
                TableOperations operations = ((HasTableOperations) catalog.loadTable(id)).operations();
                TableMetadata metadata = operations.current();
                FileIO io = operations.io();
                add(reachable, metadata.metadataFileLocation());
                metadata.previousFiles().forEach(entry -> add(reachable, entry.file()));
                Map<Integer, PartitionSpec> specs = metadata.specsById();
                // a manifest is listed again by every later snapshot that keeps its files: each is read once
                Set<String> read = new HashSet<>();
                for (Snapshot snapshot : metadata.snapshots()) {
                    add(reachable, snapshot.manifestListLocation());
                    for (ManifestFile manifest : snapshot.allManifests(io)) {
                        add(reachable, manifest.path());
                        if (!read.add(manifest.path())) {
                            continue;
                        }
                        try (ManifestReader<? extends ContentFile<?>> files = manifest.content() == ManifestContent.DATA
                                ? ManifestFiles.read(manifest, io, specs)
                                : ManifestFiles.readDeleteManifest(manifest, io, specs)) {
                            for (ContentFile<?> file : files) {
                                add(reachable, file.location());
                            }
                        }
                    }
                }
            }
        }
        return reachable;
    }

    private static void add(Set<Path> reachable, String location) {
        reachable.add(LocalFileIO.path(location).toAbsolutePath().normalize());
    }
}
