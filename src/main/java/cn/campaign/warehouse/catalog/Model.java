package cn.campaign.warehouse.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one table or view of the warehouse is, as its model file beside its SQL declares it ({@code sql/<layer>/
 * <name>.yml}; {@code sql/operations/} for the tables the loader builds itself): its key, how it is materialised,
 * what keeps it up to date, its data tests, how it is published, and what each column means. The build, the
 * dictionary, the publisher and the benchmark read these; no Java class names a table. A table the loader itself
 * writes or reads has a {@code role} ({@link LoaderTable}): the loader knows it by what it is for, and its name is
 * said here only.
 */
public record Model(String name, String layer, String description, String caption, List<String> key,
                    String materialized, Boolean exported, String role, List<String> clusterBy,
                    Incremental incremental, List<String> tests, Publish publish, Map<String, Column> columns) {

    public Model {
        key = key == null ? List.of() : List.copyOf(key);
        clusterBy = clusterBy == null ? List.of() : List.copyOf(clusterBy);
        tests = tests == null ? List.of() : List.copyOf(tests);
        columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
    }

    /** A report view: published in every snapshot, ordered by its key, and timed by the benchmark. */
    public boolean published() {
        return publish != null;
    }

    /**
     * A star table each load brings up to date from its feeds rather than rebuilds; its checks read the rows the load
     * wrote.
     */
    public boolean maintainedByLoad() {
        return "incremental".equals(materialized) && incremental != null && !incremental.feeds().isEmpty();
    }

    /**
     * Kept as an Apache Iceberg table under {@code star/}, brought up to date at every commit: the star schema's
     * tables, and whatever else the model file says is ({@code exported: true}).
     */
    public boolean exportedToStar() {
        return exported != null ? exported : layer.equals("warehouse");
    }

    /**
     * Whether a whole build writes the table's rows ordered by columns ({@code cluster_by}; each bucket by itself
     * when it builds in buckets): a row group then holds rows of few values of them, and a night that touches one
     * campaign skips the others' row groups by their bounds when it looks up its keys or its window's days.
     */
    public boolean clustered() {
        return !clusterBy.isEmpty();
    }

    /** The Chinese caption of a column, or its name where it has none. */
    public String captionOf(String column) {
        Column declared = columns.get(column);
        return declared == null || declared.caption() == null ? column : declared.caption();
    }

    /**
     * How an incremental table is kept up to date: its identity, the tables that feed it and the tables it looks up
     * (star and intermediate tables), or the contract entity whose staged records feed it (staging tables), and
     * how a history continues from its kept row ({@link Continues}; staging tables), and whether its columns are sums
     * that a load adds the night's changes to ({@link Additive}).
     */
    public record Incremental(List<String> identity, List<Feed> feeds, List<Lookup> lookups, String entity,
                              Continues continues, Additive additive, IdentityHash identityHash) {

        public Incremental {
            identity = identity == null ? List.of() : List.copyOf(identity);
            feeds = feeds == null ? List.of() : List.copyOf(feeds);
            lookups = lookups == null ? List.of() : List.copyOf(lookups);
        }

        public Incremental(List<String> identity, List<Feed> feeds, List<Lookup> lookups, String entity) {
            this(identity, feeds, lookups, entity, null, null, null);
        }
    }

    /**
     * A table whose every column but its key is a sum over the rows of its one feed, a table the load also keeps:
     * {@code count} counts them, {@code sums} add up integer columns that are never null. A load then adds to the
     * touched identities' rows what the feed's new rows add and takes away what the rows they replaced held (the
     * feed's changed rows), rather than reading every row of those identities in the feed again; a key whose count
     * falls to zero has no row.
     */
    public record Additive(String count, List<String> sums) {

        public Additive {
            sums = sums == null ? List.of() : List.copyOf(sums);
        }

        /** The count, then the sums. */
        public List<String> columns() {
            return Stream.concat(Stream.of(count), sums.stream()).toList();
        }
    }

    /**
     * How a staging table's history of an identity continues from one of its rows, so that a night reads only its
     * own records: the row meeting {@code from} (the current version), its column {@code after} (the latest
     * business date of the records it reflects), and the records that stand for it, each a map from a record's
     * columns to expressions over the row ({@code as_records}; a record's other columns are the row's columns of the
     * same name, or null). A history continues when every record of the identity in the night's changed deliveries
     * is new and dated after that column; otherwise it is recomputed from all the identity's records.
     */
    public record Continues(String from, String after, List<Map<String, String>> asRecords) {

        public Continues {
            asRecords = asRecords == null ? List.of() : asRecords.stream().map(Map::copyOf).toList();
        }
    }

    /**
     * A table whose rows name identities of the table, in these columns: a staging table, or a table of the layer
     * below that the load also keeps (its changed rows name the identities to recompute). With {@code onlyWithout},
     * the statement reads the feed's rows of an identity only when an earlier feed holds no row of it that meets a
     * condition (a dimension infers a member from the facts' codes only when it has no master record). With
     * {@code keptBefore} (a column of both the staging table and this table), each row of the feed gives this table's
     * row of the same column value alone: when the staging table continued an identity's history from a kept row
     * ({@link Continues}), this table's rows before that row's value stay, and only those from it on are replaced.
     * With {@code window}, one identity column is not the feed's but a member's of a dimension, found by a date of
     * the row ({@link Window}).
     */
    public record Feed(String from, List<String> identity, OnlyWithout onlyWithout, String keptBefore, Window window) {

        public Feed {
            identity = identity == null ? List.of() : List.copyOf(identity);
            if (window != null && (!identity.contains(window.key()) || identity.size() < 2 || onlyWithout != null
                    || keptBefore != null)) {
                throw new IllegalArgumentException("the feed " + from + " declares a window, so its identity must "
                        + "name the window's key " + window.key() + " and at least one column of its own, and it "
                        + "cannot also declare only_without or kept_before");
            }
        }

        public Feed(String from, List<String> identity) {
            this(from, identity, null, null, null);
        }

        /** The identity columns the feed's rows hold: all but the one its window gives ({@link Window}). */
        public List<String> columns() {
            return window == null ? identity : identity.stream().filter(column -> !column.equals(window.key()))
                    .toList();
        }
    }

    /**
     * A feed whose rows belong to identities by a date: each member of {@code dimension} whose days from its
     * {@code start} to its {@code end} column hold the row's {@code date} gives the identity column {@code key} its
     * value (a service counts for every campaign whose window holds its day). A night then recomputes only the
     * identities of the windows its changed rows fall in, and reads the feed's rows of those windows' days alone, so
     * that a campaign it does not touch costs it nothing.
     */
    public record Window(String dimension, String key, String date, String start, String end) {
    }

    /**
     * A column every row holds, a number computed from the identity alone by the expression {@code of} (as the
     * statement computes it): a load finds the rows of the identities it touches by that number, then confirms them
     * by the identity, since two identities may share a number.
     */
    public record IdentityHash(String column, String of) {
    }

    /** An earlier feed of the same table, and the condition its rows meet: {@code {from: feed, where: condition}}. */
    public record OnlyWithout(String from, String where) {
    }

    /**
     * A table the statement looks up: its natural key, matched by the table's column, and the columns of it the
     * statement reads (all when none are named): a member whose values there changed touches the rows naming it.
     * With no key, a change to any of its rows touches every identity (a small table every row depends on, such as
     * the campaign calendar). With {@code inferredMembers}, the dimension holds a member (inferred until its record
     * arrives) for every code the table's rows name, so a member new tonight names no row kept from before, and
     * only a member that was there before and changed touches rows.
     */
    public record Lookup(String dimension, String key, String column, List<String> reads, boolean inferredMembers) {

        public Lookup {
            reads = reads == null ? List.of() : List.copyOf(reads);
        }

        public Lookup(String dimension, String key, String column, List<String> reads) {
            this(dimension, key, column, reads, false);
        }

        public boolean touchesEveryIdentity() {
            return key == null;
        }
    }

    /**
     * How a report view is published: the counts of distinct graduates that small-cell suppression empties when
     * they are small, and the columns derived from them, emptied with them; a headline view's rows are the figures
     * a snapshot's cover shows first.
     */
    public record Publish(List<String> smallCells, List<String> derivedFromSmallCells, boolean headline) {

        public Publish {
            smallCells = smallCells == null ? List.of() : List.copyOf(smallCells);
            derivedFromSmallCells = derivedFromSmallCells == null ? List.of() : List.copyOf(derivedFromSmallCells);
        }
    }

    /**
     * What a column means, the codes it may hold where it holds codes, its Chinese caption where it is published,
     * where a code column's names are found ({@code model.column}, the model having a column of the same name as this
     * one), so that reports show names beside codes, and its data tests: {@code not_null}, {@code unique},
     * {@code accepted_values} (its codes) and {@code relationships: {to: model, field: column}}.
     */
    public record Column(String description, List<String> codes, String caption, String names, List<Object> tests) {

        public Column {
            codes = codes == null ? List.of() : List.copyOf(codes);
            tests = tests == null ? List.of() : List.copyOf(tests);
        }
    }
}
