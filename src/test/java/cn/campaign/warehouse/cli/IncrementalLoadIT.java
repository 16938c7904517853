package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.files.Folders;
import cn.campaign.warehouse.testing.DeliveryFixture;
import cn.campaign.warehouse.testing.IcebergReadBack;
import cn.campaign.warehouse.testing.WarehouseDump;
import cn.campaign.warehouse.validate.IdNumber;
import cn.campaign.warehouse.validate.Uscc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load recomputes only the staging rows its deliveries touch. Whatever arrives night after night — new
 * nights, a re-send that replaces a whole delivery of an earlier night, a withdrawal — the warehouse must equal
 * the one built from all the same deliveries in a single run. The loader's private store of staging tables may
 * even be lost: the next load rebuilds it from the staged files.
 */
class IncrementalLoadIT {

    private static final String SERVED_FIRST = "41010220010101301" + IdNumber.checkCharacterFor("41010220010101301");

    private static final String LATE_EMPLOYER = "91350100M000100Y43";

    @TempDir
    Path temp;
    CliHarness cli;

    @BeforeEach
    void operator() throws Exception {
        // these small campaigns touch most identities each night: the identity-by-identity path is kept for them
        cli = new CliHarness(temp.resolve("operator"), "inbox.settle.seconds=0\nload.rebuild.share=2\n");
    }

    @Test
    void tablesBuiltInBucketsOfIdentitiesEqualOnesBuiltAtOnce() throws Exception {
        // given a night, and an operator who lets a rebuild read 500 kept records at a time
        Path inbox = Files.createDirectories(inbox());
        copyNights(generate("0.001", 1, 5), inbox, "20230501");
        CliHarness buckets = new CliHarness(temp.resolve("buckets"), "inbox.settle.seconds=0\n"
                + "load.rebuild.bucket.records=500\n");

        // when it is loaded
        assertThat(buckets.load(temp.resolve("in-buckets"), inbox)).isZero();

        // then the staging tables and those the load maintains were built bucket by bucket, and the warehouse equals
        // one built at once
        assertThat(buckets.lastOutput()).containsPattern("staging table stg_services rebuilt in [0-9]+ buckets")
                .containsPattern("table fact_graduate_service built in [0-9]+ buckets")
                .containsPattern("table dim_graduate built in [0-9]+ buckets")
                .containsPattern("table int_campaign_graduate_services built in [0-9]+ buckets");
        assertThat(WarehouseDump.of(temp.resolve("in-buckets"))).isEqualTo(WarehouseDump.of(loadAtOnce(inbox,
                "at-once")));
    }

    @Test
    void aLoadTouchingMostOfATablesIdentitiesRebuildsItWhole() throws Exception {
        // given the first night loaded with the default settings
        cli = new CliHarness(temp.resolve("defaults"), "inbox.settle.seconds=0\n");
        Path warehouse = loadFirstOfTwoNights();

        // when the second night brings as many new posts as the first held
        assertThat(loadSecondOfTwoNights(warehouse)).isZero();

        // then the tables it touches mostly are rebuilt whole, and all equals one load of both nights
        assertThat(cli.lastOutput()).contains("continuing from the committed state",
                "staging table stg_posts rebuilt whole in ",
                "identities against its ", "rows, at least load.rebuild.share (0.5) of them",
                "a staging table was rebuilt whole: every table is rebuilt from it");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox(), "at-once")));
        // and the star's tables were written anew, not patched by deletes of nearly every row
        assertThat(IcebergReadBack.positionDeletes(warehouse, "fact_post")).isZero();
        assertThat(IcebergReadBack.mismatches(warehouse)).isEmpty();
    }

    @Test
    void nightAfterNightWithReSendsAndWithdrawalsEqualsOneLoadOfEverything() throws Exception {
        // given six generated nights
        Path generated = generate("0.002", 6, 11);
        Path nightly = Files.createDirectories(temp.resolve("nightly"));
        Path warehouse = temp.resolve("night-by-night");

        // when they arrive over five runs, with a re-send of PROV-41's second night and a withdrawal of a post
        copyNights(generated, nightly, "20230501", "20230502");
        assertThat(cli.load(warehouse, nightly)).isZero();
        Map<String, String> firstKeys = versionKeys(warehouse);
        copyNights(generated, nightly, "20230503");
        reSendOfProvince41SecondNight(nightly);
        serviceBeforeRoster(nightly);
        assertThat(cli.load(warehouse, nightly)).isZero();
        copyNights(generated, nightly, "20230504", "20230505");
        rosterAfterService(nightly);
        assertThat(cli.load(warehouse, nightly)).isZero();
        assertThat(cli.lastOutput()).contains("continuing from the committed state", "staging table stg_posts: ",
                "table fact_graduate_service: ", "table int_campaign_enterprise_posts: ", "identities recomputed")
                .doesNotContain(" rebuilt whole");
        // (started from the state before the committed one, brought up to date with the second run's changes)
        assertThat(cli.lastOutput()).contains("standby state brought up to date");
        // then the service given before the graduate's roster record reaches the graduate's new current member
        assertThat(CliHarness.query(warehouse, "select g.is_inferred, g.destination from fact_graduate_service "
                + "join dim_graduate as g using (graduate_durable_key) where service_id = 'EARLY-S1' "
                + "and g.is_current")).containsExactly("false|unplaced");
        assertThat(CliHarness.query(warehouse, "select e.is_inferred, coalesce(p.posted_industry_code, "
                + "e.industry_code) from fact_post as p join dim_enterprise as e using (enterprise_durable_key) "
                + "where origin_post_id = 'EARLY-P1' and e.is_current")).containsExactly("false|I");
        // and each run continuing from the state before equals a single load of every delivery so far
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(nightly, "after-05")));
        String[] post = CliHarness.query(warehouse, "select source_id, origin_platform, origin_post_id from fact_post "
                + "where sources_listing = 1 order by all limit 1").get(0).split("\\|");
        copyNights(generated, nightly, "20230506");
        withdrawal(nightly, post[0], post[1], post[2]);
        assertThat(cli.load(warehouse, nightly)).isZero();
        assertThat(cli.lastOutput()).contains("standby state brought up to date");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(nightly, "after-06")));
        assertThat(CliHarness.query(warehouse, "select count(*) from fact_post where origin_platform = '" + post[1]
                + "' and origin_post_id = '" + post[2] + "'")).as("the withdrawn post").containsExactly("0");
        assertThat(CliHarness.query(warehouse, "select count(*) from fact_fair where fair_id = 'RESENT-F1'"))
                .containsExactly("1");
        // and the star's Iceberg tables, continued with position deletes, read as the catalog's tables
        assertThat(IcebergReadBack.mismatches(warehouse)).isEmpty();
        assertThat(IcebergReadBack.rowCounts(warehouse)).containsKeys("fact_graduate_service", "fact_post",
                "dim_graduate", "load_deliveries", "load_rejects").hasSize(14);
        assertThat(CliHarness.query(warehouse, "select count(*) from fact_graduate_service")).containsExactly(
                String.valueOf(IcebergReadBack.rowCounts(warehouse).get("fact_graduate_service")));
        assertThat(IcebergReadBack.positionDeletes(warehouse, "fact_post")).as("the withdrawn post").isPositive();
        assertThat(IcebergReadBack.rowCountsThroughJdbcCatalog(warehouse))
                .isEqualTo(IcebergReadBack.rowCounts(warehouse));

        // when the loader's staging tables are lost before a run that brings a correction of the first night
        Files.delete(warehouse.resolve("staging/records.duckdb"));
        Files.deleteIfExists(warehouse.resolve("staging/records.duckdb.wal"));
        correctionOfFirstNight(nightly);
        assertThat(cli.load(warehouse, nightly)).isZero();

        // then it rebuilt them from the staged files, and still equals a single load
        assertThat(cli.lastOutput()).contains("staging table stg_posts rebuilt",
                "a staging table was rebuilt whole: every table is rebuilt from it");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(nightly, "at-once")));
        // and a graduate or employer version keeps its key while others arrive around it
        Map<String, String> lastKeys = versionKeys(warehouse);
        Map<String, String> kept = new HashMap<>(firstKeys);
        kept.keySet().retainAll(lastKeys.keySet());
        assertThat(kept).hasSizeGreaterThan(firstKeys.size() / 2);
        assertThat(lastKeys).containsAllEntriesOf(kept);
    }

    private Path loadAtOnce(Path inbox, String name) throws Exception {
        Path warehouse = temp.resolve(name);
        assertThat(cli.load(warehouse, inbox)).isZero();
        return warehouse;
    }

    @Test
    void aStagingTableWhoseStatementChangedIsRebuiltNotPatched() throws Exception {
        // given a first night loaded, then a release whose sql/staging/stg_posts.sql differs from the one kept
        Path warehouse = loadFirstOfTwoNights();
        execute(warehouse.resolve("staging/records.duckdb"),
                "update staging_sql set statement = 'an earlier release' where table_name = 'stg_posts'");

        // when the second night loads
        assertThat(loadSecondOfTwoNights(warehouse)).isZero();

        // then stg_posts was rebuilt, the others patched, the star rebuilt from them, and all equals one load of both
        assertThat(cli.lastOutput()).contains("staging table stg_posts rebuilt", "staging table stg_services: ",
                "a staging table was rebuilt whole: every table is rebuilt from it");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox(), "at-once")));
    }

    @Test
    void aTableWhoseStatementChangedIsRebuiltWholeWithTheTablesReadingItAndTheOthersContinue() throws Exception {
        // given a first night loaded by a release whose sql/warehouse/fact_post.sql differs from this one's
        Path warehouse = loadFirstOfTwoNights();
        execute(warehouse.resolve("campaign.duckdb"),
                "update build_statements set statement = 'an earlier release' where object_name = 'fact_post'");

        // when the second night loads
        assertThat(loadSecondOfTwoNights(warehouse)).isZero();

        // then fact_post and the tables reading it were rebuilt whole, the others continued
        assertThat(cli.lastOutput()).contains("continuing from the committed state; the statements of fact_post "
                        + "differ from those that built it, so fact_post, int_campaign_enterprise_posts, "
                        + "int_daily_activity are rebuilt whole",
                "table fact_post rebuilt whole in ", "table int_campaign_enterprise_posts rebuilt whole in ",
                "table int_daily_activity rebuilt whole in ", "table fact_graduate_service: ",
                "table dim_graduate: ").doesNotContain("building every table");
        // (without comparing fact_post before and after: no table reads its changed rows)
        assertThat(cli.lastOutput()).contains("table fact_post: its changed rows are not looked for");
        // and all equals one load of both nights, in the catalog and in the star's Iceberg tables
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox(), "at-once")));
        assertThat(IcebergReadBack.mismatches(warehouse)).isEmpty();
        assertThat(CliHarness.query(warehouse, "select count(*) from build_statements where statement = "
                + "'an earlier release'")).containsExactly("0");
    }

    @Test
    void aReleaseThatRewordsOnlyCommentsOrLayoutRebuildsNothing() throws Exception {
        // given a first night loaded by a release whose statements said the same with other comments and layout
        Path warehouse = loadFirstOfTwoNights();
        String reworded = "set statement = '-- as an earlier release worded it' || chr(10) "
                + "|| replace(statement, ' as ', '   as ')";
        execute(warehouse.resolve("campaign.duckdb"), "update build_statements " + reworded);
        execute(warehouse.resolve("staging/records.duckdb"), "update staging_sql " + reworded);

        // when this release loads an inbox with nothing new, it has nothing to build
        assertThat(cli.load(warehouse, inbox())).isZero();
        assertThat(cli.lastOutput()).contains("nothing new to commit");

        // and when the second night loads, every table continues: none is rebuilt whole
        assertThat(loadSecondOfTwoNights(warehouse)).isZero();
        assertThat(cli.lastOutput()).contains("continuing from the committed state", "table fact_post: ")
                .doesNotContain("building every table", "rebuilt whole", "a staging table was rebuilt")
                .doesNotContainPattern("staging table \\w+ rebuilt");
        // and the state records this release's wording, and equals one load of both nights
        assertThat(CliHarness.query(warehouse, "select count(*) from build_statements where statement like "
                + "'-- as an earlier release%'")).containsExactly("0");
        assertThat(CliHarness.queryFile(warehouse.resolve("staging/records.duckdb"), "select count(*) from staging_sql "
                + "where statement like '-- as an earlier release%'")).containsExactly("0");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox(), "at-once")));
    }

    @Test
    void aStateWhoseStagingTablesOtherStatementsBuiltIsRebuiltNotContinued() throws Exception {
        // given a first night loaded by a release whose sql/staging/stg_posts.sql differs from this one's
        Path warehouse = loadFirstOfTwoNights();
        execute(warehouse.resolve("campaign.duckdb"),
                "update build_statements set statement = 'an earlier release' where object_name = 'stg_posts'");

        // when the second night loads
        assertThat(loadSecondOfTwoNights(warehouse)).isZero();

        // then every table was built from the staging tables, and all equals one load
        assertThat(cli.lastOutput()).contains("building every table from the staged records")
                .doesNotContain("continuing from the committed state");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox(), "at-once")));
    }

    @Test
    void anInstitutionRenamedTouchesNoServiceOnlyWhatTheServicesReadOfItDoes() throws Exception {
        // given a service at an institution known by its master record
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path warehouse = temp.resolve("warehouse");
        loadServiceAtAKnownInstitution(inbox, warehouse);

        // when the institution is renamed: its dimension row changes, but not the key or province a service reads
        institution(inbox, "2023-05-09", "郑州示范大学（新校名）", "41");
        assertThat(cli.load(warehouse, inbox)).isZero();

        // then no service was recomputed
        assertThat(cli.lastOutput()).contains("table dim_institution: 2 rows changed",
                "table fact_graduate_service: 0 identities recomputed");
        assertThat(CliHarness.query(warehouse, "select name from dim_institution where institution_code = "
                + "'4141010001'")).containsExactly("郑州示范大学（新校名）");
    }

    @Test
    void aNewInstitutionLooksForNoServiceThatNamesIt() throws Exception {
        // given a service at an institution known by its master record
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path warehouse = temp.resolve("warehouse");
        loadServiceAtAKnownInstitution(inbox, warehouse);

        // when another institution's first master record arrives: every code a service names has a member, so no
        // kept service can name the new one
        institution(inbox, "2023-05-09", "4141010002", "洛阳新建学院", "41");
        assertThat(cli.load(warehouse, inbox)).isZero();

        // then the services are not searched for it, and the new member is there
        assertThat(cli.lastOutput()).contains("table dim_institution: 1 rows changed",
                "table fact_graduate_service: 0 identities recomputed")
                .doesNotContain("member(s) of dim_institution changed");
        assertThat(CliHarness.query(warehouse, "select count(*) from dim_institution where not is_inferred"))
                .containsExactly("2");
    }

    private void loadServiceAtAKnownInstitution(Path inbox, Path warehouse) throws Exception {
        institution(inbox, "2023-05-07", "郑州示范大学", "41");
        serviceBeforeRoster(inbox);
        assertThat(cli.load(warehouse, inbox)).isZero();
    }

    private static void institution(Path inbox, String date, String name, String province) throws Exception {
        institution(inbox, date, "4141010001", name, province);
    }

    private static void institution(Path inbox, String date, String code, String name, String province)
            throws Exception {
        new DeliveryFixture("PROV-41", date, 1, StandardCharsets.UTF_8)
                .file("institutions.csv", "institution", "institution_code,name,province_code,level\n" + code + ","
                        + name + "," + province + ",undergraduate\n")
                .writeZip(inbox, "PROV-41_" + date.replace("-", "") + "_1.zip");
    }

    @Test
    void theFirstLoadAfterAnUpgradeRebuildsTheChangedTablesEvenWithNothingNew() throws Exception {
        // given a night loaded by a release whose sql/warehouse/dim_graduate.sql differs from this one's
        Path warehouse = loadFirstOfTwoNights();
        execute(warehouse.resolve("campaign.duckdb"),
                "update build_statements set statement = 'an earlier release' where object_name = 'dim_graduate'");

        // when the upgraded release loads an inbox with nothing new
        assertThat(cli.load(warehouse, inbox())).isZero();

        // then it rebuilt dim_graduate, continued the rest, and committed the state, which is now this release's
        assertThat(cli.lastOutput()).contains("table dim_graduate rebuilt whole in ", "readers now see v")
                .doesNotContain("nothing new to commit", "building every table", "fact_post rebuilt whole");
        assertThat(CliHarness.query(warehouse, "select count(*) from build_statements where statement = "
                + "'an earlier release'")).containsExactly("0");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox(), "at-once")));
    }

    @Test
    void lateMasterRecordsChangeNoFactRow() throws Exception {
        // given a service and a post loaded before their graduate's and employer's master records (inferred members)
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path warehouse = temp.resolve("warehouse");
        serviceBeforeRoster(inbox);
        assertThat(cli.load(warehouse, inbox)).isZero();
        Map<String, Long> snapshotsBefore = IcebergReadBack.currentSnapshotIds(warehouse);

        // when the master records arrive: each dimension gains a real member beside its inferred one
        rosterAfterService(inbox);
        assertThat(cli.load(warehouse, inbox)).isZero();

        // then neither fact was touched: they name the durable key, which the new members share
        assertThat(cli.lastOutput()).contains("table dim_graduate: 1 identities recomputed",
                "table fact_graduate_service: 0 identities recomputed", "table fact_post: 0 identities recomputed");
        Map<String, Long> snapshotsAfter = IcebergReadBack.currentSnapshotIds(warehouse);
        assertThat(snapshotsAfter.get("fact_graduate_service")).isEqualTo(snapshotsBefore.get("fact_graduate_service"));
        assertThat(snapshotsAfter.get("fact_post")).isEqualTo(snapshotsBefore.get("fact_post"));
        // and every table and column of the catalog a continuing load committed says what it is
        assertThat(CliHarness.query(warehouse, "select table_name || '.' || column_name from duckdb_columns() "
                + "where comment is null and schema_name = 'main' and not internal")).isEmpty();
        assertThat(CliHarness.query(warehouse, "select table_name from duckdb_tables() where comment is null "
                + "and schema_name = 'main'")).isEmpty();
        // and the small tables rebuilt whole each night keep their snapshot when their rows came out the same
        assertThat(snapshotsAfter.get("dim_campaign")).isEqualTo(snapshotsBefore.get("dim_campaign"));
        assertThat(snapshotsAfter.get("dim_graduate")).isNotEqualTo(snapshotsBefore.get("dim_graduate"));
        // and the facts reach the new current members
        assertThat(CliHarness.query(warehouse, "select g.is_inferred, g.destination from fact_graduate_service "
                + "join dim_graduate as g using (graduate_durable_key) where g.is_current")).containsExactly(
                "false|unplaced");
        assertThat(CliHarness.query(warehouse, "select e.is_inferred, e.industry_code from fact_post "
                + "join dim_enterprise as e using (enterprise_durable_key) where e.is_current")).containsExactly(
                "false|I");
    }

    @Test
    void aGraduatesHistoryContinuesFromItsCurrentVersionOnlyWhenTheNightComesAfterIt() throws Exception {
        // given a roster of three graduates on 1 May
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path warehouse = temp.resolve("warehouse");
        roster(inbox, "PROV-41", "2023-05-01", 1, graduate(1, "unplaced"), graduate(2, "unplaced"),
                graduate(3, "unplaced"));
        assertThat(cli.load(warehouse, inbox)).isZero();

        // when 3 May brings new destinations, a withdrawal and a graduate never seen
        roster(inbox, "PROV-41", "2023-05-03", 1, graduate(1, "employed"), withdrawn(2), graduate(3, "flexible"),
                graduate(4, "unplaced"));
        assertThat(cli.load(warehouse, inbox)).isZero();

        // then each history continued from its current version, or from nothing
        assertThat(cli.lastOutput()).contains("staging table stg_graduate_versions: 4 identities recomputed in ",
                "4 of them continued from their kept row");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox, "after-03")));

        // when a record dated before the first graduate's latest arrives, the withdrawn graduate comes back, and the
        // third graduate gets a new destination
        roster(inbox, "NATL-24365", "2023-05-02", 1, graduate(1, "further_study"));
        roster(inbox, "PROV-41", "2023-05-04", 1, graduate(2, "flexible"), graduate(3, "military"));
        assertThat(cli.load(warehouse, inbox)).isZero();

        // then only the third continued: the others were recomputed from all their records, as one load gives them
        assertThat(cli.lastOutput()).contains("staging table stg_graduate_versions: 3 identities recomputed in ",
                "1 of them continued from their kept row");
        // and the star replaced the third graduate's current version alone, keeping its first: 2 + 1 + 1 rows
        assertThat(cli.lastOutput()).contains("Iceberg table dim_graduate: 7 rows appended, 4 deleted");
        assertThat(IcebergReadBack.mismatches(warehouse)).isEmpty();
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox, "after-04")));
        assertThat(CliHarness.query(warehouse, "select destination, valid_from, valid_to from dim_graduate "
                + "where graduate_id = (select graduate_id from dim_graduate where destination = 'further_study') "
                + "order by valid_from")).containsExactly("unplaced|2023-05-01|2023-05-02",
                "further_study|2023-05-02|2023-05-03", "employed|2023-05-03|null");

        // when a re-send replaces the 3 May delivery, without the first and third graduates' new destinations
        roster(inbox, "PROV-41", "2023-05-03", 2, withdrawn(2), graduate(4, "unplaced"));
        assertThat(cli.load(warehouse, inbox)).isZero();

        // then the graduates of both deliveries were recomputed from all their records
        assertThat(cli.lastOutput()).contains("staging table stg_graduate_versions: 4 identities recomputed in ",
                "0 of them continued from their kept row");
        assertThat(IcebergReadBack.mismatches(warehouse)).isEmpty();
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox, "after-re-send")));
    }

    @Test
    void anEmployersHistoryContinuesFromItsLatestVersionOnlyWhenTheNightComesAfterIt() throws Exception {
        // given two employers' master records on 1 May
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path warehouse = temp.resolve("warehouse");
        employers(inbox, "PROV-41", "2023-05-01", employer(1, "small"), employer(2, "small"));
        assertThat(cli.load(warehouse, inbox)).isZero();

        // when 3 May brings a new size for the first and withdraws the second
        employers(inbox, "PROV-41", "2023-05-03", employer(1, "medium"), withdrawnEmployer(2));
        assertThat(cli.load(warehouse, inbox)).isZero();

        // then both histories continued from their latest versions
        assertThat(cli.lastOutput()).contains("staging table stg_enterprise_versions: 2 identities recomputed in ",
                "2 of them continued from their kept row");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox, "after-03")));

        // when a record of the first dated before its latest arrives, and the withdrawn one comes back
        employers(inbox, "NATL-24365", "2023-05-02", employer(1, "large"));
        employers(inbox, "PROV-41", "2023-05-04", employer(2, "micro"));
        assertThat(cli.load(warehouse, inbox)).isZero();

        // then both were recomputed from all their records, as one load gives them
        assertThat(cli.lastOutput()).contains("staging table stg_enterprise_versions: 2 identities recomputed in ",
                "0 of them continued from their kept row");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox, "after-04")));
        assertThat(CliHarness.query(warehouse, "select size, valid_from, valid_to from dim_enterprise where uscc = '"
                + uscc(1) + "' order by valid_from")).containsExactly("small|2023-05-01|2023-05-02",
                "large|2023-05-02|2023-05-03", "medium|2023-05-03|null");
        assertThat(IcebergReadBack.mismatches(warehouse)).isEmpty();
    }

    private static String employer(int n, String size) {
        return "{\"uscc\":\"" + uscc(n) + "\",\"name\":\"示例企业" + n + "\",\"ownership\":\"private\","
                + "\"size\":\"" + size + "\",\"industry_code\":\"I\",\"region_code\":\"410100\"}";
    }

    private static String withdrawnEmployer(int n) {
        return "{\"uscc\":\"" + uscc(n) + "\",\"op\":\"D\"}";
    }

    private static String uscc(int n) {
        String first17 = "91410100MA0000" + (100 + n);
        return first17 + Uscc.checkCharacterFor(first17);
    }

    private static void employers(Path inbox, String source, String date, String... lines) throws Exception {
        new DeliveryFixture(source, date, 1, StandardCharsets.UTF_8)
                .file("enterprises.jsonl", "enterprise", String.join("\n", lines) + "\n")
                .writeZip(inbox, source + "_" + date.replace("-", "") + "_1.zip");
    }

    private static final String GRADUATE_FIELDS = "id_number,institution_code,cohort,education_level,difficulty,"
            + "destination,op";

    /** A roster line of the n-th test graduate. */
    private static String graduate(int n, String destination) {
        return idNumber(n) + ",4141010001,2023,bachelor,," + destination + ",U";
    }

    private static String withdrawn(int n) {
        return idNumber(n) + ",,,,,,D";
    }

    private static String idNumber(int n) {
        String body = "4101022001010" + (1000 + n);
        return body + IdNumber.checkCharacterFor(body);
    }

    private static void roster(Path inbox, String source, String date, int sequence, String... lines)
            throws Exception {
        new DeliveryFixture(source, date, sequence, StandardCharsets.UTF_8)
                .file("graduates.csv", "graduate", GRADUATE_FIELDS + "\n" + String.join("\n", lines) + "\n")
                .writeZip(inbox, source + "_" + date.replace("-", "") + "_" + sequence + ".zip");
    }

    @Test
    void aKeyWrittenByAContinuingLoadThatAKeptRowAlreadyHoldsFailsTheChecks() throws Exception {
        // given a service loaded before its graduate's roster record, and a kept graduate row holding the key the
        // graduate's member will get when the record arrives, and its durable key (as hash collisions would)
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path warehouse = temp.resolve("warehouse");
        serviceBeforeRoster(inbox);
        assertThat(cli.load(warehouse, inbox)).isZero();
        execute(warehouse.resolve("campaign.duckdb"), "insert into dim_graduate (graduate_key, graduate_durable_key, "
                + "graduate_id, is_current, is_inferred) select (md5_number_lower(g.graduate_id || '|2023-05-09') >> 1)"
                + "::bigint, g.graduate_durable_key, repeat('a', 32), true, false from fact_graduate_service "
                + "join dim_graduate as g using (graduate_durable_key) where service_id = 'EARLY-S1'");

        List<String> pointers = CliHarness.query(warehouse, "select table_name, metadata_location from iceberg_tables "
                + "order by all");

        // when the roster record arrives
        rosterAfterService(inbox);
        int status = cli.load(warehouse, inbox);

        // then the load continued, writing only that graduate, and still found the collision with the kept row
        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("continuing from the committed state",
                "check test_dim_graduate_unique_key found 1 problem(s), e.g. dim_graduate ",
                "check test_dim_graduate_graduate_durable_key_unique found 1 problem(s), e.g. "
                        + "dim_graduate.graduate_durable_key ");
        // and the star's Iceberg tables, written beside the report views before the checks failed, are not the
        // committed ones: every table still points at the metadata it had
        assertThat(cli.lastOutput()).containsSubsequence("writing the star's Iceberg tables beside the report views",
                "building report views", "checking the new state");
        assertThat(CliHarness.query(warehouse, "select table_name, metadata_location from iceberg_tables "
                + "order by all")).isEqualTo(pointers);
    }

    @Test
    void aSourceRegisteredMidCampaignLeavesTheKeysOfTheOthersAndTheirFactsAsTheyWere() throws Exception {
        // given a night loaded
        Path warehouse = loadFirstOfTwoNights();
        List<String> keysBefore = CliHarness.query(warehouse, "select source_id, source_key from dim_source");

        // when the operator registers an agency whose id sorts before every other, and the next night arrives
        Files.writeString(cli.jobs.resolve("sources.csv"), "AGCY-0001,agency,人力资源服务机构,11\n",
                StandardOpenOption.APPEND);
        assertThat(loadSecondOfTwoNights(warehouse)).isZero();

        // then every source keeps its key: only the new member changed, so no fact of another source is touched
        assertThat(CliHarness.query(warehouse, "select source_id, source_key from dim_source"))
                .containsAll(keysBefore).hasSize(keysBefore.size() + 1);
        assertThat(cli.lastOutput()).contains("continuing from the committed state",
                "table dim_source: 1 rows changed");
    }

    @Test
    void aNightRecomputesAGraduateOnlyInTheCampaignsWhoseWindowsItsChangedServicesFallIn() throws Exception {
        // given a one-day campaign inside the sprint, and a graduate served on its day
        Files.writeString(cli.jobs.resolve("campaigns.csv"), "2023-opening,2023届开局周,2023-05-02,2023-05-02,2023\n",
                StandardOpenOption.APPEND);
        Path warehouse = temp.resolve("warehouse");
        service(Files.createDirectories(inbox()), "2023-05-02", 1, "WINDOW-S1");
        assertThat(cli.load(warehouse, inbox())).isZero();

        // when a later night serves the graduate on a day of the sprint alone
        service(inbox(), "2023-05-03", 1, "WINDOW-S2");
        assertThat(cli.load(warehouse, inbox())).isZero();

        // then only the graduate's row of the sprint was replaced, the opening's kept, and all equals one load
        assertThat(cli.lastOutput()).contains("table int_campaign_graduate_services: 1 identities recomputed, "
                + "1 rows replaced");
        assertThat(servicesPerCampaign(warehouse)).containsExactly("2023-opening|1", "2023-sprint|2");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox(), "at-once")));

        // when the first night is sent again with its service moved off the opening's day
        new DeliveryFixture("PROV-41", "2023-05-02", 2, StandardCharsets.UTF_8)
                .file("services.csv", "service", SERVICE_HEADER + "WINDOW-S1,2023-05-01," + SERVED_FIRST
                        + ",4141010001,guidance,,,1\n")
                .writeZip(inbox(), "PROV-41_20230502_2.zip");
        assertThat(cli.load(warehouse, inbox())).isZero();

        // then the graduate has left the opening, and all still equals one load
        assertThat(servicesPerCampaign(warehouse)).containsExactly("2023-sprint|2");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox(), "at-once-again")));
    }

    private static final String SERVICE_HEADER = "service_id,service_date,id_number,institution_code,service_type,"
            + "post_origin_platform,post_origin_id,hours\n";

    private static void service(Path inbox, String date, int sequence, String serviceId) throws Exception {
        new DeliveryFixture("PROV-41", date, sequence, StandardCharsets.UTF_8)
                .file("services.csv", "service", SERVICE_HEADER + serviceId + "," + date + "," + SERVED_FIRST
                        + ",4141010001,guidance,,,1\n")
                .writeZip(inbox, "PROV-41_" + date.replace("-", "") + "_" + sequence + ".zip");
    }

    /** The services of the graduate served first, per campaign, as the per-graduate aggregate holds them. */
    private static List<String> servicesPerCampaign(Path warehouse) throws Exception {
        return CliHarness.query(warehouse, "select campaign_id, services from int_campaign_graduate_services "
                + "where graduate_durable_key in (select graduate_durable_key from fact_graduate_service "
                + "where service_id like 'WINDOW-%') order by campaign_id");
    }

    @Test
    void aCampaignWindowChangedByTheOperatorRecomputesEveryGraduateOfTheCampaigns() throws Exception {
        // given two nights loaded, the second with services, by an operator who lets a rebuild read 500 rows at a time
        cli = new CliHarness(temp.resolve("buckets"), "inbox.settle.seconds=0\nload.rebuild.share=2\n"
                + "load.rebuild.bucket.records=500\n");
        Path warehouse = loadFirstOfTwoNights();
        assertThat(loadSecondOfTwoNights(warehouse)).isZero();

        // when the operator adds a campaign over the second night, and a delivery of one fair arrives
        Files.writeString(cli.jobs.resolve("campaigns.csv"), "2023-opening,2023届开局周,2023-05-02,2023-05-02,2023\n",
                StandardOpenOption.APPEND);
        new DeliveryFixture("PROV-41", "2023-05-03", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR)
                .writeZip(inbox(), "PROV-41_20230503_1.zip");
        assertThat(cli.load(warehouse, inbox())).isZero();

        // then the per-graduate aggregate was rebuilt whole, in buckets, and all equals one load of everything
        assertThat(cli.lastOutput()).contains("continuing from the committed state",
                "table int_campaign_graduate_services rebuilt whole: ")
                .containsPattern("table int_campaign_graduate_services built in [0-9]+ buckets");
        assertThat(CliHarness.query(warehouse, "select graduates_served > 0 from campaign_totals "
                + "where campaign_id = '2023-opening'")).containsExactly("true");
        assertThat(WarehouseDump.of(warehouse)).isEqualTo(WarehouseDump.of(loadAtOnce(inbox(), "at-once")));
        // and its rows are stored campaign by campaign, as its model file clusters them: a run of each campaign in
        // each bucket, or one of each at once
        Matcher built = Pattern.compile("table int_campaign_graduate_services built in ([0-9]+) buckets")
                .matcher(cli.lastOutput());
        assertThat(built.find()).isTrue();
        assertThat(campaignRunsInStorageOrder(warehouse)).isBetween(2L, 2 * Long.parseLong(built.group(1)));
        CliHarness oneBucket = new CliHarness(temp.resolve("one-bucket"), "inbox.settle.seconds=0\n");
        Files.copy(cli.jobs.resolve("campaigns.csv"), oneBucket.jobs.resolve("campaigns.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(oneBucket.load(temp.resolve("in-one-bucket"), inbox())).isZero();
        assertThat(oneBucket.lastOutput()).doesNotContainPattern("table int_campaign_graduate_services built in "
                + "[0-9]+ buckets");
        assertThat(campaignRunsInStorageOrder(temp.resolve("in-one-bucket"))).isEqualTo(2);
    }

    /** How many runs of one campaign the per-graduate aggregate's rows form in the order they are stored. */
    private static long campaignRunsInStorageOrder(Path warehouse) throws Exception {
        return Long.parseLong(CliHarness.query(warehouse, "select count(*) from (select campaign_id, lag(campaign_id) "
                + "over (order by rowid) as before from int_campaign_graduate_services) "
                + "where before is distinct from campaign_id").get(0));
    }

    @Test
    void aStagedDeliveryRemovedByHandIsNamedWhenTheStoreMustBeRebuilt() throws Exception {
        // given a night loaded, then its store and one delivery's staged records deleted by hand
        Path warehouse = loadFirstOfTwoNights();
        Files.delete(warehouse.resolve("staging/records.duckdb"));
        Files.deleteIfExists(warehouse.resolve("staging/records.duckdb.wal"));
        String lost = CliHarness.query(warehouse, "select staging_key from load_ledger where accepted "
                + "order by all limit 1").get(0);
        Folders.deleteTree(warehouse.resolve("staging").resolve(lost));

        // when the next night loads
        int status = loadSecondOfTwoNights(warehouse);

        // then
        assertThat(status).isEqualTo(1);
        assertThat(cli.console()).contains("the staged records of the accepted delivery " + lost + " cannot be read",
                "restore that folder from a backup, or load the inbox again into an empty warehouse folder",
                "Nothing of this run is visible");
    }

    /** Generates two nights and loads the first into a new warehouse, which it returns. */
    private Path loadFirstOfTwoNights() throws Exception {
        copyNights(generate("0.001", 2, 5), Files.createDirectories(inbox()), "20230501");
        Path warehouse = temp.resolve("warehouse");
        assertThat(cli.load(warehouse, inbox())).isZero();
        return warehouse;
    }

    private int loadSecondOfTwoNights(Path warehouse) throws Exception {
        copyNights(temp.resolve("generated"), inbox(), "20230502");
        return cli.load(warehouse, inbox());
    }

    private Path inbox() {
        return temp.resolve("inbox");
    }

    /** Changes a DuckDB file by hand, as an earlier release or an operator would have left it. */
    private static void execute(Path database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Path generate(String scale, int days, int seed) {
        Path generated = temp.resolve("generated");
        assertThat(cli.run("generate", "--out", generated.toString(), "--scale", scale, "--from", "2023-05-01",
                "--days", String.valueOf(days), "--seed", String.valueOf(seed))).isZero();
        return generated;
    }

    /** Surrogate key of every graduate and employer version, by its natural key. */
    private static Map<String, String> versionKeys(Path warehouse) throws Exception {
        Map<String, String> keys = new HashMap<>();
        for (String row : CliHarness.query(warehouse, "select 'g|' || graduate_id || '|' || valid_from, graduate_key "
                + "from dim_graduate where valid_from is not null union all select 'e|' || uscc || '|' || valid_from, "
                + "enterprise_key from dim_enterprise where valid_from is not null")) {
            String[] cells = row.split("\\|");
            keys.put(cells[0] + "|" + cells[1] + "|" + cells[2], cells[3]);
        }
        return keys;
    }

    private static void copyNights(Path from, Path to, String... dates) throws Exception {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                for (String date : dates) {
                    if (file.getFileName().toString().contains("_" + date + "_")) {
                        Files.copy(file, to.resolve(file.getFileName()));
                    }
                }
            }
        }
    }

    /** Replaces every record PROV-41 sent for 2023-05-02: its generated posts, graduates and services vanish. */
    private static void reSendOfProvince41SecondNight(Path inbox) throws Exception {
        new DeliveryFixture("PROV-41", "2023-05-02", 2, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", "fair_id,name,start_date,fair_type,channel,region_code,employers,posts,"
                        + "attendees\nRESENT-F1,补报双选会,2023-05-02,campus,offline,4101,10,100,50\n")
                .writeZip(inbox, "PROV-41_20230502_2.zip");
    }

    /**
     * A service for a graduate, and a post of an employer, whose master records have not arrived: inferred members
     * until they do.
     */
    private static void serviceBeforeRoster(Path inbox) throws Exception {
        new DeliveryFixture("PROV-41", "2023-05-08", 1, StandardCharsets.UTF_8)
                .file("services.csv", "service", "service_id,service_date,id_number,institution_code,service_type,"
                        + "post_origin_platform,post_origin_id,hours\nEARLY-S1,2023-05-08," + SERVED_FIRST
                        + ",4141010001,guidance,,,1\n")
                .file("posts.csv", "post", "post_id,published_date,enterprise_uscc,title,work_region_code,headcount,"
                        + "origin_platform,origin_post_id\nEARLY-P1,2023-05-08," + LATE_EMPLOYER + ",工程师,4101,1,"
                        + "PROV-41,EARLY-P1\n")
                .writeZip(inbox, "PROV-41_20230508_1.zip");
    }

    private static void rosterAfterService(Path inbox) throws Exception {
        new DeliveryFixture("PROV-41", "2023-05-09", 1, StandardCharsets.UTF_8)
                .file("graduates.csv", "graduate", "id_number,institution_code,cohort,education_level,difficulty,"
                        + "destination\n" + SERVED_FIRST + ",4141010001,2023,bachelor,,unplaced\n")
                .file("enterprises.jsonl", "enterprise", "{\"uscc\":\"" + LATE_EMPLOYER + "\","
                        + "\"name\":\"示例科技\","
                        + "\"ownership\":\"private\",\"size\":\"small\",\"industry_code\":\"I\","
                        + "\"region_code\":\"410100\"}\n")
                .writeZip(inbox, "PROV-41_20230509_1.zip");
    }

    /** A later sequence of PROV-41's first night with a single new fair: every other record of that night vanishes. */
    private static void correctionOfFirstNight(Path inbox) throws Exception {
        new DeliveryFixture("PROV-41", "2023-05-01", 9, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", "fair_id,name,start_date,fair_type,channel,region_code,employers,posts,"
                        + "attendees\nCORRECTED-F1,更正双选会,2023-05-01,campus,offline,4101,10,100,50\n")
                .writeZip(inbox, "PROV-41_20230501_9.zip");
    }

    private static void withdrawal(Path inbox, String source, String platform, String postId) throws Exception {
        new DeliveryFixture(source, "2023-05-07", 1, StandardCharsets.UTF_8)
                .file("posts.csv", "post", "post_id,published_date,enterprise_uscc,title,work_region_code,headcount,"
                        + "origin_platform,origin_post_id,op\n,,,,,," + platform + "," + postId + ",D\n")
                .writeZip(inbox, source + "_20230507_1.zip");
    }
}
