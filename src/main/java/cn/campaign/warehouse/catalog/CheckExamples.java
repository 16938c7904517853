package cn.campaign.warehouse.catalog;

import java.util.List;
import java.util.TreeSet;

/**
 * The rows a failing check is named with: the first few in text order, so the same broken warehouse gives the same
 * sentence every night. DuckDB returns a query's rows in no fixed order when it scans in parallel.
 */
final class CheckExamples {

    private final int limit;
    private final TreeSet<String> smallest = new TreeSet<>();
    private long count;

    CheckExamples(int limit) {
        this.limit = limit;
    }

    void add(String row) {
        count++;
        smallest.add(row);
        if (smallest.size() > limit) {
            smallest.pollLast();
        }
    }

    long count() {
        return count;
    }

    List<String> examples() {
        return List.copyOf(smallest);
    }
}
