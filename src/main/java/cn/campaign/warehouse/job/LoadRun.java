package cn.campaign.warehouse.job;

import cn.campaign.warehouse.catalog.WarehouseBuild;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.InboxFile;
import cn.campaign.warehouse.ingest.Ledger;
import cn.campaign.warehouse.model.Pseudonymizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What one {@code load} run works on and what it has found so far; shared by the steps of {@code loadJob}. */
public final class LoadRun {

    final WarehouseFolder warehouse;
    final OperatorConfig config;
    final Path inbox;
    final Pseudonymizer pseudonymizer;
    final PrintStream out;
    final String version;
    Ledger ledger;
    List<InboxFile> discovered = List.of();
    /** Inbox entries left for a later run, each with why. */
    List<String> waiting = List.of();
    /** The version readers see once this run committed; null while it has not (or had nothing to commit). */
    String committed;
    List<List<InboxFile>> partitions = List.of();
    private final List<DeliveryRecord> processed = new ArrayList<>();
    WarehouseBuild build;
    Path builtCatalog;

    public LoadRun(WarehouseFolder warehouse, OperatorConfig config, Path inbox, Pseudonymizer pseudonymizer,
                   PrintStream out, String version) {
        this.warehouse = warehouse;
        this.config = config;
        this.inbox = inbox;
        this.pseudonymizer = pseudonymizer;
        this.out = out;
        this.version = version;
    }

    /** The files of this run and what became of each, in the contract's order. */
    public synchronized List<DeliveryRecord> processed() {
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < discovered.size(); i++) {
            order.put(discovered.get(i).name(), i);
        }
        return processed.stream().sorted(Comparator.comparingInt(record -> order.get(record.fileName()))).toList();
    }

    synchronized void add(DeliveryRecord record) {
        processed.add(record);
    }

    /** Nothing new arrived and a committed state exists: the run has nothing to rebuild. */
    synchronized boolean unchanged() {
        return processed.isEmpty() && warehouse.hasCatalog();
    }
}
