package cn.campaign.warehouse.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The star's Iceberg tables written by DuckDB and committed by Iceberg, read back with Iceberg's own reader. */
class StarTablesIT {

    private static final StarTables.Upkeep KEEP_ALL = new StarTables.Upkeep(Duration.ofDays(7), 0.9, 50);
    /** The rows a load wrote for the touched identities, as the build keeps them. */
    private static final String WRITTEN = "(from things semi join touched_things using (id))";

    @TempDir
    Path temp;
    Path root;
    Connection connection;

    @BeforeEach
    void aBuildWithOneTable() throws Exception {
        root = temp.resolve("star");
        connection = DriverManager.getConnection("jdbc:duckdb:" + temp.resolve("campaign.duckdb"));
        execute("create table things (id varchar, n smallint, day date, seen_at timestamptz, share double)");
        execute("insert into things values ('a', 1, date '2023-05-01', timestamptz '2023-05-01 08:00:00+08', 0.5), "
                + "('b', 2, date '2023-05-02', null, null), ('c', 3, null, null, 1.25)");
    }

    @AfterEach
    void closeTheBuild() throws Exception {
        connection.close();
    }

    @Test
    void aTableWrittenWholeReadsBackWithIcebergsReaderExactly() throws Exception {
        // when
        commit(StarTables.Change.whole("things"));

        // then
        assertThat(icebergRows("things")).containsExactlyInAnyOrderElementsOf(duckDbRows("things"));
        assertThat(icebergTable("things").schema().findField("n").type().toString()).isEqualTo("int");
        assertThat(((BaseTable) icebergTable("things")).operations().current().formatVersion()).isEqualTo(2);
    }

    @Test
    void aChangeByIdentityAppendsTheRewrittenRowsAndDeletesTheReplacedOnesByPosition() throws Exception {
        // given a committed table, then a load that withdraws b, changes c and adds d
        commit(StarTables.Change.whole("things"));
        execute("delete from things where id in ('b', 'c')");
        execute("insert into things values ('c', 30, null, null, null), ('d', 4, date '2023-05-04', null, 2.0)");
        execute("create table touched_things as select * from (values ('b'), ('c'), ('d')) as t(id)");

        // when
        commit(new StarTables.Change("things", List.of("id"), "touched_things", WRITTEN, true));

        // then
        Table table = icebergTable("things");
        assertThat(icebergRows("things")).containsExactlyInAnyOrderElementsOf(duckDbRows("things"));
        assertThat(table.currentSnapshot().summary()).containsEntry("added-records", "2")
                .containsEntry("added-position-deletes", "2").containsEntry("total-records", "5");
        assertThat(table.currentSnapshot().operation()).isEqualTo("overwrite");
    }

    @Test
    void aTableWhoseColumnsChangedIsReplacedAndReadsBackByNameNightAfterNight() throws Exception {
        // given a committed table, then a release that adds a column in the middle and drops one
        commit(StarTables.Change.whole("things"));
        execute("create or replace table things as select id, n * 10 as tens, n, day, share from things");
        execute("alter table things alter tens type integer");

        // when it commits, and a later load changes one row
        commit(StarTables.Change.whole("things"));
        execute("update things set tens = 99 where id = 'c'");
        execute("create table touched_things as select 'c' as id");
        commit(new StarTables.Change("things", List.of("id"), "touched_things", WRITTEN, true));

        // then Iceberg's reader finds every column's values under its name
        Table table = icebergTable("things");
        assertThat(table.schema().columns()).extracting(column -> column.name())
                .containsExactly("id", "tens", "n", "day", "share");
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            records.forEach(record -> rows.add(record.getField("id") + "|" + record.getField("tens") + "|"
                    + record.getField("n") + "|" + record.getField("share")));
        }
        assertThat(rows).containsExactlyInAnyOrder("a|10|1|0.5", "b|20|2|null", "c|99|3|1.25");
    }

    @Test
    void aChangeThatOnlyAddsNewIdentitiesAppendsWithoutReadingTheLiveFiles() throws Exception {
        // given a committed table whose data file is away while the next commit runs
        commit(StarTables.Change.whole("things"));
        Path live = Path.of(onlyDataFile(icebergTable("things")));
        Path away = Files.move(live, temp.resolve("away.parquet"));
        execute("insert into things values ('d', 4, null, null, null)");
        execute("create table touched_things as select 'd' as id");

        // when a load that replaced no row commits
        commit(new StarTables.Change("things", List.of("id"), "touched_things", WRITTEN, false));

        // then it appended the new row and looked for no position to delete
        Files.move(away, live);
        assertThat(icebergRows("things")).containsExactlyInAnyOrderElementsOf(duckDbRows("things")).hasSize(4);
        assertThat(icebergTable("things").currentSnapshot().summary()).containsEntry("added-records", "1")
                .doesNotContainKey("added-position-deletes");
    }

    @Test
    void aRowDeletedByAnEarlierLoadIsNotDeletedAgain() throws Exception {
        // given b withdrawn by one load
        commit(StarTables.Change.whole("things"));
        execute("delete from things where id = 'b'");
        execute("create table touched_things as select 'b' as id");
        commit(new StarTables.Change("things", List.of("id"), "touched_things", WRITTEN, true));

        // when a later load touches b again (still withdrawn) and c
        execute("delete from things where id = 'c'");
        execute("create or replace table touched_things as select * from (values ('b'), ('c')) as t(id)");
        commit(new StarTables.Change("things", List.of("id"), "touched_things", WRITTEN, true));

        // then
        assertThat(icebergRows("things")).containsExactlyInAnyOrderElementsOf(duckDbRows("things")).hasSize(1);
        assertThat(icebergTable("things").currentSnapshot().summary()).containsEntry("total-position-deletes", "2");
    }

    @Test
    void aTableWhoseDeletedShareIsPastTheThresholdIsCompactedIntoOneFileWithoutDeletes() throws Exception {
        // given
        commit(StarTables.Change.whole("things"));
        execute("delete from things where id in ('a', 'b')");
        execute("create table touched_things as select * from (values ('a'), ('b')) as t(id)");

        // when
        try (StarTables star = StarTables.open(connection, root)) {
            star.commit(List.of(new StarTables.Change("things", List.of("id"), "touched_things", WRITTEN, true)),
                    new StarTables.Upkeep(Duration.ofDays(7), 0.25, 50), Instant.now());
        }

        // then
        List<FileScanTask> tasks = new ArrayList<>();
        try (CloseableIterable<FileScanTask> planned = icebergTable("things").newScan().planFiles()) {
            planned.forEach(tasks::add);
        }
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).deletes()).isEmpty();
        assertThat(icebergRows("things")).containsExactlyInAnyOrderElementsOf(duckDbRows("things")).hasSize(1);
    }

    @Test
    void aTableAppendedPastItsNumberOfDataFilesIsCompactedIntoOne() throws Exception {
        // given a table committed whole, then appended twice (one file each, as a fact each night)
        commit(StarTables.Change.whole("things"));
        StarTables.Upkeep twoFiles = new StarTables.Upkeep(Duration.ofDays(7), 0.9, 2);
        for (String id : List.of("d", "e")) {
            execute("insert into things values ('" + id + "', 4, null, null, null)");
            execute("create or replace table touched_things as select '" + id + "' as id");
            try (StarTables star = StarTables.open(connection, root)) {
                star.commit(List.of(new StarTables.Change("things", List.of("id"), "touched_things", WRITTEN, false)),
                        twoFiles, Instant.now());
            }
        }

        // then the third file compacted the table into one, with every row
        List<FileScanTask> tasks = new ArrayList<>();
        try (CloseableIterable<FileScanTask> planned = icebergTable("things").newScan().planFiles()) {
            planned.forEach(tasks::add);
        }
        assertThat(tasks).hasSize(1);
        assertThat(icebergRows("things")).containsExactlyInAnyOrderElementsOf(duckDbRows("things")).hasSize(5);
    }

    @Test
    void filesOfTheCommittedSnapshotOutliveAZeroRetentionUntilALaterLoadReplacesIt() throws Exception {
        // given a committed table, then a load that changes a row and rewrites it whole with no retention
        commit(StarTables.Change.whole("things"));
        Table first = icebergTable("things");
        String committedFile = onlyDataFile(first);
        StarTables.Upkeep noRetention = new StarTables.Upkeep(Duration.ZERO, 0.9, 50);
        execute("update things set n = n + 10");
        try (StarTables star = StarTables.open(connection, root)) {
            star.commit(List.of(StarTables.Change.whole("things")), noRetention, Instant.now());
        }

        // then the file the committed catalog pointed to stays, for readers of that state
        assertThat(Path.of(committedFile)).exists();

        // when two more loads commit: the one that replaced it is no longer the committed state
        for (int load = 0; load < 2; load++) {
            Thread.sleep(5);
            execute("update things set n = n + 10");
            try (StarTables star = StarTables.open(connection, root)) {
                star.commit(List.of(StarTables.Change.whole("things")), noRetention, Instant.now());
            }
        }

        // then it is gone, and the table reads as before
        assertThat(Path.of(committedFile)).doesNotExist();
        assertThat(icebergRows("things")).containsExactlyInAnyOrderElementsOf(duckDbRows("things"));
    }

    @Test
    void aCopiedWarehouseWritesItsTablesAgainInItsOwnFolderAndLeavesTheOriginalsAlone() throws Exception {
        // given a table committed under one warehouse folder, and the catalog now used from another
        commit(StarTables.Change.whole("things"));
        List<Path> originals;
        try (var files = java.nio.file.Files.walk(root)) {
            originals = files.sorted().toList();
        }
        Path copy = temp.resolve("copy/star");

        // when
        try (StarTables star = StarTables.open(connection, copy)) {
            star.commit(List.of(new StarTables.Change("things", List.of("id"), "things", "things", true)), KEEP_ALL, Instant.now());
        }

        // then
        assertThat(icebergTable("things").location()).isEqualTo(copy.resolve("things").toString());
        assertThat(icebergRows("things")).containsExactlyInAnyOrderElementsOf(duckDbRows("things"));
        try (var files = java.nio.file.Files.walk(root)) {
            assertThat(files.sorted().toList()).isEqualTo(originals);
        }
    }

    @Test
    void filesALoadWroteButNeverCommittedAreRemovedAndNoFileACommittedSnapshotNeeds() throws Exception {
        // given two committed loads, then files a killed load left: a data file and a metadata file
        commit(StarTables.Change.whole("things"));
        execute("delete from things where id = 'a'");
        execute("create table touched_things as select 'a' as id");
        commit(new StarTables.Change("things", List.of("id"), "touched_things", WRITTEN, true));
        List<Path> committed;
        try (var files = java.nio.file.Files.walk(root)) {
            committed = files.filter(java.nio.file.Files::isRegularFile).sorted().toList();
        }
        Path strayData = java.nio.file.Files.writeString(root.resolve("things/data/stray.parquet"), "x");
        Path strayMetadata = java.nio.file.Files.writeString(root.resolve("things/metadata/00009-stray.metadata.json"),
                "{}");
        Path strayTable = java.nio.file.Files.createDirectories(root.resolve("never_committed/data"))
                .resolve("part.parquet");
        java.nio.file.Files.writeString(strayTable, "x");

        // when
        long removed = OrphanFiles.remove(connection, root);

        // then
        assertThat(removed).isEqualTo(3);
        assertThat(strayData).doesNotExist();
        assertThat(strayMetadata).doesNotExist();
        assertThat(strayTable).doesNotExist();
        try (var files = java.nio.file.Files.walk(root)) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile).sorted().toList()).isEqualTo(committed);
        }
        assertThat(icebergRows("things")).containsExactlyInAnyOrderElementsOf(duckDbRows("things"));
    }

    @Test
    void aTableWithNoRowsKeepsNoFileNightAfterNight() throws Exception {
        // given a table that has lost its rows
        commit(StarTables.Change.whole("things"));
        execute("delete from things");

        // when three loads rewrite it whole
        for (int load = 0; load < 3; load++) {
            commit(StarTables.Change.whole("things"));
        }

        // then it reads empty and holds no data file, not one empty file per load
        assertThat(icebergRows("things")).isEmpty();
        try (CloseableIterable<FileScanTask> tasks = icebergTable("things").newScan().planFiles()) {
            assertThat(tasks).isEmpty();
        }
    }

    private void commit(StarTables.Change change) throws Exception {
        try (StarTables star = StarTables.open(connection, root)) {
            star.commit(List.of(change), KEEP_ALL, Instant.now());
        }
    }

    private static String onlyDataFile(Table table) throws Exception {
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            List<String> files = new ArrayList<>();
            tasks.forEach(task -> files.add(task.file().location()));
            assertThat(files).hasSize(1);
            return files.get(0);
        }
    }

    /** The table as another engine finds it: from the metadata file the catalog points to, read by Iceberg. */
    private Table icebergTable(String name) throws Exception {
        String metadata;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select metadata_location from iceberg_tables where table_name = '" + name + "'")) {
            assertThat(rows.next()).isTrue();
            metadata = rows.getString(1);
        }
        return new BaseTable(new StaticTableOperations(metadata, new LocalFileIO()), name);
    }

    private List<String> icebergRows(String name) throws Exception {
        List<String> rows = new ArrayList<>();
        Table table = icebergTable(name);
        int columns = table.schema().columns().size();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            for (Record record : records) {
                List<String> values = new ArrayList<>();
                // a reader applying deletes adds the row position after the table's columns
                for (int i = 0; i < columns; i++) {
                    values.add(String.valueOf(record.get(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    private List<String> duckDbRows(String name) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select id, n, day, "
                     + "strftime(seen_at at time zone 'UTC', '%Y-%m-%dT%H:%M') || 'Z', share from " + name)) {
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    values.add(String.valueOf(result.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    private void execute(String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
