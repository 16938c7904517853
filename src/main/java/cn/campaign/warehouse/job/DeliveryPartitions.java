package cn.campaign.warehouse.job;

import cn.campaign.warehouse.ingest.DeliveryName;
import cn.campaign.warehouse.ingest.InboxFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a run's new files into partitions that can be staged side by side. What one file's outcome depends on —
 * earlier files of its source (a stale sequence) and earlier files with its content (already loaded) — stays in
 * its partition, in the contract's order; partitions are balanced by bytes.
 */
final class DeliveryPartitions {

    private DeliveryPartitions() {
    }

    /**
     * The partitions as positions in {@code files}, each in ascending order: a partition's execution context holds
     * these few numbers rather than its files, since Spring Batch writes that context again after every file staged.
     */
    static List<int[]> of(List<InboxFile> files, int count) {
        int[] parent = new int[files.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstWithKey = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            InboxFile file = files.get(i);
            String source = DeliveryName.parse(file.name()).map(DeliveryName::sourceId).orElse("");
            for (String key : List.of("source:" + source, "content:" + file.sha256())) {
                Integer first = firstWithKey.putIfAbsent(key, i);
                if (first != null) {
                    parent[root(parent, i)] = root(parent, first);
                }
            }
        }
        long[] sizes = new long[files.size()];
        for (int i = 0; i < sizes.length; i++) {
            try {
                sizes[i] = Files.size(files.get(i).path());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + files.get(i).path(), e);
            }
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            groups.computeIfAbsent(root(parent, i), r -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> largestFirst = new ArrayList<>(groups.values());
        largestFirst.sort(Comparator.comparingLong((List<Integer> group) -> bytes(sizes, group)).reversed());
        List<List<Integer>> partitions = new ArrayList<>();
        long[] load = new long[Math.max(1, count)];
        for (int p = 0; p < load.length; p++) {
            partitions.add(new ArrayList<>());
        }
        for (List<Integer> group : largestFirst) {
            int lightest = 0;
            for (int p = 1; p < load.length; p++) {
                if (load[p] < load[lightest]) {
                    lightest = p;
                }
            }
            partitions.get(lightest).addAll(group);
            load[lightest] += bytes(sizes, group);
        }
        List<int[]> result = new ArrayList<>();
        for (List<Integer> partition : partitions) {
            if (!partition.isEmpty() || result.isEmpty()) {
                result.add(partition.stream().mapToInt(Integer::intValue).sorted().toArray());
            }
        }
        return result;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static long bytes(long[] sizes, List<Integer> group) {
        long total = 0;
        for (int i : group) {
            total += sizes[i];
        }
        return total;
    }
}
