package cn.campaign.warehouse.job;

import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.InboxFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The keys under which {@code loadJob}'s steps hand on what they found, and typed reads of them. In the job's
 * context: the files found, how many wait, the outcomes of staging, the catalog built aside and the version
 * committed. In each staging partition's context: its files and their outcomes.
 */
final class LoadContext {

    /** Job: the new inbox files, in the contract's order ({@code ArrayList<InboxFile>}). */
    static final String DISCOVERED = "discovered";
    /** Job: how many inbox entries were left for a later run. */
    static final String WAITING = "waiting";
    /** Partition: its share of the new files, as their positions in the job's {@link #DISCOVERED} ({@code int[]}). */
    static final String FILE_POSITIONS = "filePositions";
    /**
     * Partition, then job: what became of each file staged ({@code ArrayList<DeliveryRecord>}); a partition puts
     * them in its context once, when it ends.
     */
    static final String STAGED = "staged";
    /** Job: the copy of the committed catalog made beside the staging; absent when none was made. */
    static final String COPIED_CATALOG = "copiedCatalog";
    /** Job: the catalog file the next state is built in; absent when the run has nothing to build. */
    static final String NEXT_CATALOG = "nextCatalog";
    /** Job: the version readers see once the run committed. */
    static final String COMMITTED = "committed";

    private LoadContext() {
    }

    @SuppressWarnings("unchecked")
    static List<InboxFile> discovered(ExecutionContext job) {
        return job.containsKey(DISCOVERED) ? (List<InboxFile>) job.get(DISCOVERED) : List.of();
    }

    /** A partition's share of the job's new files, in the contract's order. */
    static List<InboxFile> partitionFiles(List<InboxFile> discovered, int[] positions) {
        return Arrays.stream(positions).mapToObj(discovered::get).toList();
    }

    @SuppressWarnings("unchecked")
    static List<DeliveryRecord> staged(ExecutionContext context) {
        return context.containsKey(STAGED) ? (List<DeliveryRecord>) context.get(STAGED) : List.of();
    }

    static void addStaged(ExecutionContext context, List<? extends DeliveryRecord> records) {
        ArrayList<DeliveryRecord> all = new ArrayList<>(staged(context));
        all.addAll(records);
        context.put(STAGED, all);
    }

    /** The outcomes of staging in the order the files were found, as the contract lists them. */
    static List<DeliveryRecord> stagedInOrder(ExecutionContext job) {
        Map<String, Integer> order = new HashMap<>();
        List<InboxFile> discovered = discovered(job);
        for (int i = 0; i < discovered.size(); i++) {
            order.put(discovered.get(i).name(), i);
        }
        return staged(job).stream().sorted(Comparator.comparingInt(record -> order.get(record.fileName()))).toList();
    }
}
