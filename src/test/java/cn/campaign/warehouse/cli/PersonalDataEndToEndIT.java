package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.DeliveryFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal data never reaches the warehouse, the rejects, the log or a snapshot through a field where it does not
 * belong: a mislabelled roster column, swapped columns, or a number typed into a title (contract 1.1, §5 and §6).
 */
class PersonalDataEndToEndIT {

    private static final String ID = "11010519491231002X";
    private static final String OTHER_ID = "110105199001011232";
    private static final String PHONE = "13812345678";

    @TempDir
    Path temp;
    CliHarness cli;

    @BeforeEach
    void operator() throws Exception {
        cli = new CliHarness(temp, "");
        assertThat(OTHER_ID.charAt(17)).isEqualTo(
                cn.campaign.warehouse.validate.IdNumber.checkCharacterFor(OTHER_ID.substring(0, 17)));
    }

    @Test
    void aRosterWhoseHeaderCallsTheNameMajorCodeLoadsNoName() throws Exception {
        // given a roster whose name column is headed major_code
        new DeliveryFixture("PROV-41", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("graduates.csv", "graduate", """
                        id_number,major_code,institution_code,cohort,education_level,destination
                        %s,张三丰,4141010001,2022,bachelor,employed
                        %s,李四光,4141010001,2022,bachelor,unplaced
                        """.formatted(ID, OTHER_ID))
                .writeZip(cli.inbox, "PROV-41_20220509_1.zip");

        // when
        int status = cli.load();

        // then every record is refused for its major code, and no value of the roster is kept
        assertThat(status).isEqualTo(2);
        assertThat(CliHarness.query(cli.warehouse, "select status, reason from load_deliveries"))
                .containsExactly("quarantined|REJECT_RATE_EXCEEDED");
        assertThat(CliHarness.query(cli.warehouse, "select line, field, reason, value from load_rejects order by line"))
                .containsExactly("2|major_code|BAD_CODE|null", "3|major_code|BAD_CODE|null");
        assertNowhere("张三丰", "李四光", ID, OTHER_ID);
    }

    @Test
    void swappedPhoneAndInstitutionColumnsPutNoPhoneInTheRejects() throws Exception {
        // given a roster whose phone and institution_code headers are swapped
        new DeliveryFixture("PROV-41", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("graduates.csv", "graduate", """
                        id_number,name,institution_code,phone,cohort,education_level,destination
                        %s,张三丰,%s,4141010001,2022,bachelor,employed
                        """.formatted(ID, PHONE))
                .writeZip(cli.inbox, "PROV-41_20220509_1.zip");

        // when
        int status = cli.load();

        // then
        assertThat(status).isEqualTo(2);
        assertThat(CliHarness.query(cli.warehouse, "select line, field, reason, value from load_rejects"))
                .containsExactly("2|institution_code|BAD_CODE|null");
        assertNowhere(PHONE, "张三丰", ID);
    }

    @Test
    void numbersTypedIntoFreeTextAreRedactedCountedAndNeverPublished() throws Exception {
        // given a post whose title and a fair whose name carry an identity and a mobile number, beside numbers that
        // are neither (a longer run of digits, an identity-shaped number with a wrong check character)
        new DeliveryFixture("PROV-41", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", """
                        fair_id,name,start_date,fair_type,channel,region_code,employers,posts,attendees
                        F1,双选会 咨询%s,2022-05-09,campus,offline,4101,10,100,50
                        F2,双选会 编号 1391234567890,2022-05-09,campus,offline,4101,10,100,50
                        """.formatted(PHONE))
                .file("posts.csv", "post", """
                        post_id,published_date,enterprise_uscc,title,work_region_code,headcount,origin_platform,origin_post_id
                        P1,2022-05-09,91350100M000100Y43,会计（联系人身份证 %s）,41,1,PROV-41,P1
                        P2,2022-05-09,91350100M000100Y43,出纳 订单 110105199001011231,41,1,PROV-41,P2
                        """.formatted(ID.toLowerCase()))
                .writeZip(cli.inbox, "PROV-41_20220509_1.zip");

        // when
        int status = cli.load();

        // then the records load with the numbers replaced, and the delivery says how many values changed
        assertThat(status).isZero();
        assertThat(CliHarness.query(cli.warehouse, "select name from fact_fair order by fair_id"))
                .containsExactly("双选会 咨询[redacted]", "双选会 编号 1391234567890");
        assertThat(CliHarness.query(cli.warehouse, "select title from fact_post order by origin_post_id"))
                .containsExactly("会计（联系人身份证 [redacted]）", "出纳 订单 110105199001011231");
        assertThat(CliHarness.query(cli.warehouse, "select records, rejected, redacted from load_deliveries"))
                .containsExactly("4|0|2");
        assertThat(cli.run("publish", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--as-of", "2022-05-09", "--out", temp.resolve("publish").toString())).isZero();
        assertNowhere(PHONE, ID, ID.toLowerCase());
    }

    @Test
    void rejectsStagedByAnOlderReleaseArePublishedWithoutRosterValuesOrPersonalNumbers() throws Exception {
        // given a delivery's rejects as a release before contract 1.1 staged them: a roster value and a phone in clear
        cli = new CliHarness(temp.resolve("older"), "reject.rate.max=1.0\n");
        new DeliveryFixture("PROV-41", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", """
                        fair_id,name,start_date,fair_type,channel,region_code,employers,posts,attendees
                        F1,双选会,2022-05-09,campus,offline,4101,10,100,50
                        F2,双选会,2022-05-09,campus,offline,4101,x,100,50
                        F3,双选会,2022-05-09,fair,offline,4101,10,100,50
                        F4,双选会,2022-05-09,campus,offline,99,10,100,50
                        """)
                .writeZip(cli.inbox, "PROV-41_20220509_1.zip");
        assertThat(cli.load()).isZero();
        Path rejects;
        try (Stream<Path> files = Files.walk(cli.warehouse.resolve("staging"))) {
            rejects = files.filter(file -> file.endsWith("rejects.parquet")).findFirst().orElseThrow();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("copy (select * replace (case line when 3 then 'cohort' else field end as field, "
                    + "case line when 3 then '2022' when 4 then '咨询" + PHONE + "' else value end as value) "
                    + "from read_parquet('" + rejects + "')) to '" + rejects + ".older' (format parquet)");
        }
        Files.move(Path.of(rejects + ".older"), rejects, StandardCopyOption.REPLACE_EXISTING);

        // when the next night loads
        new DeliveryFixture("PROV-41", "2022-05-10", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR.replace("F1", "F9"))
                .writeZip(cli.inbox, "PROV-41_20220510_1.zip");
        assertThat(cli.load()).isZero();

        // then the roster value and the phone are not published; an ordinary value still is
        assertThat(CliHarness.query(cli.warehouse, "select line, field, value from load_rejects order by line"))
                .containsExactly("3|cohort|null", "4|fair_type|null", "5|region_code|99");
    }

    /** Not in any table of the catalog, any file under the warehouse or the snapshots, or anything printed. */
    private void assertNowhere(String... values) throws Exception {
        for (String value : values) {
            assertThat(cli.console()).as("printed").doesNotContain(value);
            assertThat(CliHarness.query(cli.warehouse, """
                    select count(*) from (
                        select r::varchar as cell from load_rejects as r
                        union all select g::varchar from dim_graduate as g
                        union all select p::varchar from fact_post as p
                        union all select f::varchar from fact_fair as f
                    ) where contains(cell, '%s')""".formatted(value))).as(value).containsExactly("0");
            try (Stream<Path> files = Files.walk(temp)) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(cli.inbox)
                        && !f.startsWith(temp.resolve("jobs")) && !f.toString().endsWith(".key")).toList()) {
                    assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).as(file.toString())
                            .doesNotContain(value);
                }
            }
        }
    }
}
