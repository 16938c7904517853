package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.DeliveryFixture;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads hand-made deliveries through the command line and checks exactly what analysts would see. */
class LoadEndToEndIT {

    private static final String SME = "91350100M000100Y43";
    private static final String BAD_USCC = "91350100M000100Y44";
    private static final String GRADUATE = "11010519491231002X";
    private static final String GRADUATE_2 = "41010220000101123" + cn.campaign.warehouse.validate.IdNumber
            .checkCharacterFor("41010220000101123");
    private static final String INSTITUTION = "4141010001";

    @TempDir
    Path temp;
    CliHarness cli;

    @BeforeEach
    void operatorConfiguration() throws Exception {
        cli = new CliHarness(temp, "reject.rate.max=0.5\ninbox.settle.seconds=60\n");
    }

    @Test
    void loadsDedupsCorrectsWithdrawsAndQuarantinesExactlyAsTheContractSays() throws Exception {
        writeNightOne(cli.inbox);
        writeNightTwo(cli.inbox);

        int status = cli.load();

        assertThat(status).as("a quarantined file makes the exit status 2").isEqualTo(2);
        assertThat(query(cli.warehouse, "select * exclude (campaign_id) from campaign_totals "
                + "where campaign_id = '2022-promotion-week'"))
                .containsExactly("1|1|10|100|50|0|0|0|0|0|2|8|2|1|1|3|1|1");
        assertThat(query(cli.warehouse, "select file_name, status, reason, records, rejected "
                + "from load_deliveries order by file_name"))
                .containsExactly(
                        "NATL-24365_20220509_1.tar.gz|loaded||2|0",
                        "PROV-41_20220509_1.zip|replaced||10|1",
                        "PROV-41_20220509_2.zip|loaded||10|1",
                        "PROV-41_20220510_1.zip|loaded||2|0",
                        "PROV-41_20220510_2.zip|quarantined|CHECKSUM_MISMATCH|null|null",
                        "PROV-99_20220510_1.zip|quarantined|UNKNOWN_SOURCE|null|null",
                        "readme.txt|quarantined|BAD_NAME|null|null");
        assertThat(query(cli.warehouse, "select * from load_rejects order by file_name"))
                .containsExactly(
                        "PROV-41_20220509_1.zip|posts.csv|4|enterprise_uscc|BAD_USCC|" + BAD_USCC,
                        "PROV-41_20220509_2.zip|posts.csv|4|enterprise_uscc|BAD_USCC|" + BAD_USCC);
        assertThat(query(cli.warehouse, "select origin_platform, origin_post_id, sources_listing, headcount "
                + "from fact_post order by all"))
                .as("P1 is listed by the province and the national platform; N1 was withdrawn; P2 corrected")
                .containsExactly("PROV-41|P1|2|3", "PROV-41|P2|1|5");
        assertThat(query(cli.warehouse, "select name from fact_fair"))
                .as("a GB18030 file with a quoted multi-line name").containsExactly("郑州大学\n春季, 双选会");
    }

    @Test
    void loadingNightByNightEqualsLoadingEverythingAtOnce() throws Exception {
        Path all = Files.createDirectories(temp.resolve("all"));
        writeNightOne(all);
        writeNightTwo(all);
        cli.load(temp.resolve("at-once"), all);

        Path nightly = Files.createDirectories(temp.resolve("nightly"));
        writeNightOne(nightly);
        cli.load(temp.resolve("night-by-night"), nightly);
        writeNightTwo(nightly);
        cli.load(temp.resolve("night-by-night"), nightly);

        for (String sql : List.of("select * from campaign_totals order by campaign_id",
                "select * from fact_post order by all",
                "select * from dim_graduate order by all",
                "select file_name, status, reason, records, rejected from load_deliveries order by all")) {
            assertThat(query(temp.resolve("night-by-night"), sql)).as(sql)
                    .isEqualTo(query(temp.resolve("at-once"), sql));
        }
    }

    @Test
    void recordsWhenAndAsWhatEachFileWasFoundWhateverTheMachinesTimeZone() throws Exception {
        TimeZone machine = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
        try {
            // given
            writeNightOne(cli.inbox);
            Path file = cli.inbox.resolve("PROV-41_20220509_1.zip");
            long before = System.currentTimeMillis();

            // when
            cli.load();
            long after = System.currentTimeMillis();

            // then
            String[] found = query(cli.warehouse, "select epoch_ms(seen_at), file_size, "
                    + "epoch_ms(file_modified_at) from load_ledger where file_name = 'PROV-41_20220509_1.zip'")
                    .get(0).split("\\|");
            assertThat(Long.parseLong(found[0])).isBetween(before, after);
            assertThat(Long.parseLong(found[1])).isEqualTo(Files.size(file));
            assertThat(Long.parseLong(found[2])).isEqualTo(Files.getLastModifiedTime(file).toMillis());
        } finally {
            TimeZone.setDefault(machine);
        }
    }

    @Test
    void neverStoresIdentityNumbersNamesOrPhonesNorLogsThem() throws Exception {
        writeNightOne(cli.inbox);
        cli.load();
        assertThat(cli.run("publish", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--as-of", "2022-05-09", "--out", temp.resolve("publish").toString())).isZero();

        List<String> leaks = new ArrayList<>();
        try (var files = java.util.stream.Stream.concat(Files.walk(cli.warehouse), Files.walk(temp.resolve("publish")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                String utf8 = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                for (String secret : List.of(GRADUATE, GRADUATE_2, "13800138000")) {
                    if (bytes.contains(secret)) {
                        leaks.add(secret + " in " + file);
                    }
                }
                if (utf8.contains("张三")) {
                    leaks.add("a name in " + file);
                }
            }
        }
        for (String secret : List.of(GRADUATE, GRADUATE.toLowerCase(), GRADUATE_2, "13800138000", "张三")) {
            if (cli.console().contains(secret)) {
                leaks.add(secret + " in the log");
            }
        }
        leaks.addAll(columnsHolding(cli.warehouse,
                List.of(GRADUATE, GRADUATE.toLowerCase(), GRADUATE_2, "13800138000", "13800138001", "张三", "李四")));
        assertThat(leaks).isEmpty();
        assertThat(cli.console()).as("the log was captured").contains("PROV-41_20220509_1.zip");
        assertThat(query(cli.warehouse, "select count(*) from dim_graduate where is_current"))
                .containsExactly("2");
    }

    @Test
    void refusesToLoadWithoutAKeyAndSaysWhy() throws Exception {
        writeNightOne(cli.inbox);

        int status = cli.run("load", "--warehouse", cli.warehouse.toString(), "--jobs",
                cli.jobs.toString(), "--inbox", cli.inbox.toString(), "--key-file",
                temp.resolve("absent.key").toString());

        assertThat(status).isEqualTo(1);
        assertThat(cli.console()).contains("load failed: the pseudonymisation key file ",
                "absent.key does not exist or cannot be read; nothing was loaded");
        assertThat(temp.resolve("warehouse/campaign.duckdb")).doesNotExist();
    }

    /** Every text column of every table and view that holds one of the secrets, as "table.column". */
    private static List<String> columnsHolding(Path warehouse, List<String> secrets) throws Exception {
        List<String> found = new ArrayList<>();
        List<String> textColumns = query(warehouse, "select table_name || '.' || column_name from duckdb_columns() "
                + "where schema_name = 'main' and database_name = current_database() and not internal "
                + "and data_type = 'VARCHAR'");
        assertThat(textColumns).as("text columns scanned, views included").hasSizeGreaterThan(60)
                .contains("dim_institution.name", "load_rejects.value", "institution_visit_compliance.name");
        for (String column : textColumns) {
            String[] parts = column.split("\\.");
            for (String secret : secrets) {
                String sql = "select count(*) from " + parts[0] + " where contains(lower(" + parts[1] + "), '"
                        + secret.toLowerCase() + "')";
                if (!query(warehouse, sql).equals(List.of("0"))) {
                    found.add(secret + " in " + column);
                }
            }
        }
        return found;
    }

    private void writeNightOne(Path inbox) throws Exception {
        String institutions = "institution_code,name,province_code,city,level,ownership,founded_year\n"
                + INSTITUTION + ",郑州大学,41,郑州市,undergraduate,public,2015\n";
        String enterprises = "uscc,name,ownership,size,industry_code,region_code\n"
                + SME + ",示例科技有限公司,private,small,I,350100\n";
        String postsV1 = "post_id,published_date,enterprise_uscc,title,work_region_code,headcount,policy_program,"
                + "origin_platform,origin_post_id\n"
                + "P1,2022-05-09," + SME + ",工程师,41,3,,PROV-41,P1\n"
                + "P2,2022-05-09," + SME + ",特岗教师,41,2,tegang,PROV-41,P2\n"
                + "P3,2022-05-09," + BAD_USCC + ",出纳,41,1,,PROV-41,P3\n";
        String graduates = "id_number,name,phone,institution_code,cohort,education_level,difficulty,destination\n"
                + GRADUATE.toLowerCase() + ",张三,13800138000," + INSTITUTION + ",2022,bachelor,low_income,unplaced\n"
                + GRADUATE_2 + ",李四,13800138001," + INSTITUTION + ",2022,bachelor,,employed\n";
        String services = "service_id,service_date,id_number,institution_code,service_type,post_origin_platform,"
                + "post_origin_id\n"
                + "S1,2022-05-09," + GRADUATE + "," + INSTITUTION + ",post_push,PROV-41,P1\n"
                + "S2,2022-05-09," + GRADUATE + "," + INSTITUTION + ",post_push,PROV-41,P2\n"
                + "S3,2022-05-09," + GRADUATE + "," + INSTITUTION + ",post_push,OTHER,X9\n";
        new DeliveryFixture("PROV-41", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("institutions.csv", "institution", institutions).file("enterprises.csv", "enterprise", enterprises)
                .file("posts.csv", "post", postsV1).file("graduates.csv", "graduate", graduates)
                .file("services.csv", "service", services)
                .writeZip(inbox, "PROV-41_20220509_1.zip");
        new DeliveryFixture("PROV-41", "2022-05-09", 2, StandardCharsets.UTF_8)
                .file("institutions.csv", "institution", institutions).file("enterprises.csv", "enterprise", enterprises)
                .file("posts.csv", "post", postsV1.replace("特岗教师,41,2", "特岗教师,41,5"))
                .file("graduates.csv", "graduate", graduates).file("services.csv", "service", services)
                .writeZip(inbox, "PROV-41_20220509_2.zip");
        new DeliveryFixture("NATL-24365", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("posts.jsonl", "post",
                        "{\"post_id\":\"N-P1\",\"published_date\":\"2022-05-09\",\"enterprise_uscc\":\"" + SME
                                + "\",\"title\":\"工程师\",\"work_region_code\":\"41\",\"headcount\":3,"
                                + "\"origin_platform\":\"PROV-41\",\"origin_post_id\":\"P1\"}\n"
                                + "{\"post_id\":\"N1\",\"published_date\":\"2022-05-09\",\"enterprise_uscc\":\"" + SME
                                + "\",\"title\":\"运营\",\"work_region_code\":\"11\",\"headcount\":\"4\","
                                + "\"origin_platform\":\"NATL-24365\",\"origin_post_id\":\"N1\",\"closed_date\":null}\n")
                .writeTarGz(inbox, "NATL-24365_20220509_1.tar.gz");
    }

    private void writeNightTwo(Path inbox) throws Exception {
        Charset gb18030 = Charset.forName("GB18030");
        new DeliveryFixture("PROV-41", "2022-05-10", 1, gb18030)
                .file("fairs.csv", "fair", "fair_id,name,start_date,fair_type,channel,region_code,employers,posts,"
                        + "attendees\r\nF1,\"郑州大学\n春季, 双选会\",2022-05-10,campus,online,4101,10,100,50\r\n")
                .file("posts.csv", "post", "post_id,published_date,enterprise_uscc,title,work_region_code,headcount,"
                        + "origin_platform,origin_post_id,op\n,,,,,,NATL-24365,N1,D\n")
                .writeZip(inbox, "PROV-41_20220510_1.zip");
        new DeliveryFixture("PROV-41", "2022-05-10", 2, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", "fair_id,name,start_date,fair_type,channel,region_code,employers,posts,"
                        + "attendees\nF1,x,2022-05-10,campus,online,4101,99,99,99\n")
                .withWrongChecksum()
                .writeZip(inbox, "PROV-41_20220510_2.zip");
        new DeliveryFixture("PROV-99", "2022-05-10", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", "fair_id,name,start_date,fair_type,channel,region_code,employers,posts,"
                        + "attendees\nF1,x,2022-05-10,campus,online,4101,1,1,1\n")
                .writeZip(inbox, "PROV-99_20220510_1.zip");
        Path stray = inbox.resolve("readme.txt");
        Files.writeString(stray, "not a delivery");
        Files.setLastModifiedTime(stray, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
    }

    private static List<String> query(Path warehouse, String sql) throws Exception {
        return CliHarness.query(warehouse, sql);
    }
}
