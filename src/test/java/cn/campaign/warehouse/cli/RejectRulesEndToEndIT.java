package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.DeliveryFixture;

import cn.campaign.warehouse.validate.IdNumber;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One delivery whose files break every record rule of export contract §3 and §5 once: each broken record is
 * listed in {@code load_rejects} with the first rule it breaks, and every other record loads.
 */
class RejectRulesEndToEndIT {

    private static final String USCC = "91350100M000100Y43";
    private static final String BAD_USCC = "91350100M000100Y44";
    private static final String GRADUATE = "11010519491231002X";
    private static final String WRONG_CHECK = "110105194912310021";
    private static final String BORN_LATER = "41010220230101123" + IdNumber.checkCharacterFor("41010220230101123");

    @TempDir
    Path temp;

    @Test
    void rejectsEachBrokenRecordWithItsFirstRuleAndLoadsTheRest() throws Exception {
        // given a delivery with one broken record per rule (the reject rate is raised so that it still loads)
        CliHarness cli = new CliHarness(temp, "reject.rate.max=0.99\n");
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path warehouse = temp.resolve("warehouse");
        new DeliveryFixture("PROV-41", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("institutions.csv", "institution", """
                        institution_code,name,province_code,level,founded_year
                        4141010001,郑州大学,41,undergraduate,2015
                        4111010002,北京某学院,41,undergraduate,2000
                        4141010003,某学院,41,undergraduate,15
                        4141010004,某学院,41,college,2000
                        """)
                .file("fairs.csv", "fair", """
                        fair_id,name,start_date,end_date,fair_type,channel,region_code,employers,posts,attendees
                        F1,春季双选会,2022-05-08,2022-05-09,campus,offline,4101,10,100,50
                        F2,夏季双选会,2022-05-08,2022-05-07,campus,offline,4101,10,100,50
                        F3,秋季双选会,2022-05-08,,campus,offline,4101,-1,100,50
                        F4,冬季双选会,2022-05-08,,campus,offline,4101,10,100,123456789012345678
                        """)
                .file("visits.csv", "visit", """
                        visit_id,visit_date,institution_code,visitor_role,enterprise_uscc,new_partner,posts_opened
                        V1,2022-05-09,4141010001,president,%1$s,是,5
                        V2,2022-05-09,4141010001,president,%1$s,yes,5
                        V3,2022-05-09,4141010001,dean,%1$s,true,5
                        V1,2022-05-09,4141010001,president,%1$s,false,5
                        """.formatted(USCC))
                .file("posts.csv", "post", """
                        post_id,published_date,enterprise_uscc,title,industry_code,work_region_code,headcount,salary_min,salary_max,policy_program,origin_platform,origin_post_id,op
                        P1,2022-05-09,%1$s,工程师,,41,1,,,,PROV-41,P1,
                        P2,2022-05-09,%1$s,,,41,1,,,,PROV-41,P2,
                        P3,2022/05/09,%1$s,会计,,41,1,,,,PROV-41,P3,
                        P4,2022-05-09,%2$s,出纳,,41,1,,,,PROV-41,P4,
                        P5,2022-05-09,%1$s,出纳,Z,41,1,,,,PROV-41,P5,
                        P6,2022-05-09,%1$s,出纳,,99,1,,,,PROV-41,P6,
                        P7,2022-05-09,%1$s,出纳,,41,0,,,,PROV-41,P7,
                        P8,2022-05-09,%1$s,出纳,,41,1,9000,5000,,PROV-41,P8,
                        P9,2022-05-09,%1$s,教师,,41,1,,,TEGANG,PROV-41,P9,
                        P10,2022-05-10,%1$s,出纳,,41,1,,,,PROV-41,P10,
                        P11,2022-05-09,%1$s,工程师,,41,1,,,,PROV-41,P1,
                        P12,2022-05-09
                        P13,2022-05-09,%1$s,"销售代表
                        (郑州, ""急聘"")",,41,2,,,,PROV-41,P13,
                        P14,2022-05-09,%1$s,出纳,,41,1,,,,PROV-41,P14,X
                        P15,2022-05-09,%1$s,出纳,,41,"1,000",,,,PROV-41,P15,
                        P16,2022-05-09,%1$s,\u001b[2J出纳,,41,1,,,,PROV-41,P16,

                        ,,,,,,,,,,PROV-41,P99,D
                        """.formatted(USCC, BAD_USCC))
                .file("enterprises.jsonl", "enterprise", """
                        {"uscc":"%1$s","name":"示例科技","ownership":"private","size":"small","industry_code":"I","region_code":"350100"}
                        [1,2]
                        {"uscc":"%1$s","name":"示例科技","ownership":"private","size":"huge","industry_code":"I","region_code":"350100"}
                        {"uscc":"%1$s","name":"示例科技","ownership":"private","size":"small","industry_code":"I","region_code":"1"}
                        {"uscc":"%1$s","name":"示例科技","ownership":"private","size":"small","industry_code":"I","region_code":"35"} {"uscc":"x"}
                        {"uscc":"%1$s","name":"示例科技","ownership":"private","size":"small","industry_code":"I","region_code":"35"} garbage
                        """.formatted(USCC))
                .file("graduates.csv", "graduate", """
                        id_number,name,phone,institution_code,cohort,education_level,difficulty,destination
                        %1$s,张三,13800138000,4141010001,2022,bachelor,low_income,unplaced
                        %1$s,张三,13800138000,4141010001,二〇二二,bachelor,,unplaced
                        %1$s,张三,13800138000,4141010001,2022,bachelor,low_income;poor,unplaced
                        %2$s,李四,13800138001,4141010001,2022,bachelor,,employed
                        %3$s,张三,13800138000,4141010001,2022,bachelor,,employed
                        """.formatted(GRADUATE, BORN_LATER, GRADUATE.toLowerCase()))
                .file("services.csv", "service", """
                        service_id,service_date,id_number,institution_code,service_type,post_origin_platform,post_origin_id,hours
                        S1,2022-05-09,%1$s,4141010001,post_push,PROV-41,P1,
                        S2,2022-05-09,%2$s,4141010001,guidance,,,1
                        S3,2022-05-09,,4141010001,guidance,,,1
                        S4,2022-05-09,%1$s,4141010001,post_push,PROV-41,,
                        S5,2022-05-09,%1$s,4141010001,training,,,-1
                        S6,2022-05-09,%1$s,4141010001,coaching,,,1
                        S7,2022-05-09,%1$s,12345,guidance,,,1
                        """.formatted(GRADUATE, WRONG_CHECK))
                .writeZip(inbox, "PROV-41_20220509_1.zip");

        // when
        int status = cli.load(warehouse, inbox);

        // then
        assertThat(status).isZero();
        assertThat(CliHarness.query(warehouse, "select entity_file, line, field, reason, value from load_rejects "
                + "order by entity_file, line")).containsExactly(
                "enterprises.jsonl|2|null|MALFORMED_RECORD|null",
                "enterprises.jsonl|3|size|BAD_ENUM|huge",
                "enterprises.jsonl|4|region_code|BAD_CODE|1",
                "enterprises.jsonl|5|null|MALFORMED_RECORD|null",
                "enterprises.jsonl|6|null|MALFORMED_RECORD|null",
                "fairs.csv|3|end_date|OUT_OF_RANGE|2022-05-07",
                "fairs.csv|4|employers|OUT_OF_RANGE|-1",
                "fairs.csv|5|attendees|OUT_OF_RANGE|123456789012345678",
                "graduates.csv|3|cohort|BAD_FORMAT|null",
                "graduates.csv|4|difficulty|BAD_ENUM|null",
                "graduates.csv|5|id_number|BAD_ID_NUMBER|null",
                "graduates.csv|6|id_number|DUPLICATE_KEY|null",
                "institutions.csv|3|province_code|BAD_CODE|41",
                "institutions.csv|4|founded_year|OUT_OF_RANGE|15",
                "institutions.csv|5|level|BAD_ENUM|college",
                "posts.csv|3|title|MISSING_FIELD|null",
                "posts.csv|4|published_date|BAD_FORMAT|2022/05/09",
                "posts.csv|5|enterprise_uscc|BAD_USCC|" + BAD_USCC,
                "posts.csv|6|industry_code|BAD_CODE|Z",
                "posts.csv|7|work_region_code|BAD_CODE|99",
                "posts.csv|8|headcount|OUT_OF_RANGE|0",
                "posts.csv|9|salary_max|OUT_OF_RANGE|5000",
                "posts.csv|10|policy_program|BAD_ENUM|TEGANG",
                "posts.csv|11|published_date|FUTURE_DATE|2022-05-10",
                "posts.csv|12|origin_post_id|DUPLICATE_KEY|P1",
                "posts.csv|13|null|MALFORMED_RECORD|null",
                "posts.csv|16|op|BAD_ENUM|X",
                "posts.csv|17|headcount|BAD_FORMAT|1,000",
                "posts.csv|18|title|BAD_FORMAT|\u001b[2J出纳",
                "services.csv|3|id_number|BAD_ID_NUMBER|null",
                "services.csv|4|id_number|MISSING_FIELD|null",
                "services.csv|5|post_origin_id|MISSING_POST|null",
                "services.csv|6|hours|OUT_OF_RANGE|-1",
                "services.csv|7|service_type|BAD_ENUM|coaching",
                "services.csv|8|institution_code|BAD_CODE|12345",
                "visits.csv|3|new_partner|BAD_FORMAT|yes",
                "visits.csv|4|visitor_role|BAD_ENUM|dean",
                "visits.csv|5|visit_id|DUPLICATE_KEY|V1");
        assertThat(CliHarness.query(warehouse, "select records, rejected, status from load_deliveries"))
                .as("the blank line is not a record; the multi-line title is one").containsExactly("47|38|loaded");
        assertThat(CliHarness.query(warehouse, "select fairs, visits, posts, graduates_served, services "
                + "from campaign_totals where campaign_id = '2022-sprint'")).containsExactly("1|1|2|1|1");
        assertThat(CliHarness.query(warehouse, "select title from fact_post order by origin_post_id"))
                .containsExactly("工程师", "销售代表\n(郑州, \"急聘\")");
        assertThat(CliHarness.query(warehouse, "select count(*) from dim_graduate where is_current"))
                .as("the upper- and lower-case X are one graduate").containsExactly("1");
    }
}
