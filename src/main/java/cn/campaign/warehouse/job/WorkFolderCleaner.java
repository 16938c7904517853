package cn.campaign.warehouse.job;

import cn.campaign.warehouse.files.Folders;
import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.LoaderTable;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.iceberg.OrphanFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a run left behind that the committed state does not refer to: scratch files, staged deliveries
 * of a run that never committed, files under {@code star/} that no committed Iceberg table reaches, and the Parquet
 * exports of releases before the star's Iceberg tables. Run under the writer's lock only.
 */
final class WorkFolderCleaner {

    private static final Logger log = LoggerFactory.getLogger(WorkFolderCleaner.class);

    private static final Pattern EARLIER_EXPORT = Pattern.compile("v\\d{8}T\\d{9}");

    private final WarehouseFolder warehouse;

    WorkFolderCleaner(WarehouseFolder warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * Before a run: everything above, and the files a killed or failed run wrote under {@code star/}, unless a
     * commit finished after the last run that wrote there.
     */
    void removeLeftovers() throws IOException, SQLException {
        long started = System.nanoTime();
        removeSuperseded();
        long superseded = System.nanoTime();
        // a catalog committed before the star became Iceberg tables has none whose files to keep; after a clean
        // commit, no load has written there since
        if (warehouse.committedStarMark().present()) {
            log.debug("star/ holds only what commits made: no search for files no Iceberg snapshot reaches");
        } else if (warehouse.committedCatalogHas(LoaderTable.ICEBERG_POINTERS.table())) {
            try (Connection committed = Duck.openReadOnly(warehouse.catalog())) {
                OrphanFiles.remove(committed, warehouse.star());
            }
        }
        log.debug("leftovers of earlier runs removed: superseded files in {} ms, files no Iceberg snapshot reaches "
                + "in {} ms", (superseded - started) / 1_000_000, (System.nanoTime() - superseded) / 1_000_000);
    }

    /**
     * After a commit: what the new state no longer refers to. Its Iceberg tables need no search for unreachable
     * files, since a commit leaves none (snapshot expiry removes what it replaced); that search reads every manifest
     * and is left to the next run's start.
     */
    void removeSuperseded() throws IOException, SQLException {
        Folders.deleteTree(warehouse.scratch());
        Set<String> keys = warehouse.committedStagingKeys();
        keys.add(WarehouseFolder.STAGED_RECORDS);
        keys.add(WarehouseFolder.STAGED_RECORDS + ".wal");
        deleteChildrenExcept(warehouse.staging(), keys);
        removeParquetExportsOfEarlierReleases();
    }

    /**
     * Releases before the star became Iceberg tables exported it whole at every commit, as {@code star/<version>/};
     * the committed state's export stays until a commit of this release supersedes it with the Iceberg tables
     * ({@code star/<table>/}).
     */
    private void removeParquetExportsOfEarlierReleases() throws IOException, SQLException {
        if (!Files.isDirectory(warehouse.star())) {
            return;
        }
        String committed = warehouse.committedVersion().orElse("");
        try (Stream<Path> children = Files.list(warehouse.star())) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (EARLIER_EXPORT.matcher(name).matches() && !name.equals(committed)) {
                    Folders.deleteTree(child);
                }
            }
        }
    }

    private static void deleteChildrenExcept(Path folder, Set<String> keep) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.toList()) {
                if (!keep.contains(child.getFileName().toString())) {
                    Folders.deleteTree(child);
                }
            }
        }
    }
}
