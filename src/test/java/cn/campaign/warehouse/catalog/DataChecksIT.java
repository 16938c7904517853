package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.config.OperatorConfig;
import java.nio.file.Path;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each check of {@code sql/checks}, and each kind of data test the model files declare, on the real, otherwise empty
 * warehouse: it holds there, and a warehouse broken the way it guards against makes it fail with a sentence naming
 * the check and an example.
 */
class DataChecksIT {

    @TempDir
    Path temp;

    @Test
    void everyCheckHoldsOnTheEmptyWarehouse() throws Exception {
        try (WarehouseBuild build = documentedEmptyWarehouse()) {
            assertThat(build.runChecks()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            test_dim_graduate_unique_key | insert into dim_graduate (graduate_key, graduate_id, is_current, is_inferred) values (7, repeat('a', 32), true, false), (7, repeat('b', 32), true, false) | found 1 problem(s), e.g. dim_graduate 7 2
            assert_one_current_member | insert into dim_graduate (graduate_key, graduate_id, is_current, is_inferred) values (7, repeat('a', 32), true, false), (8, repeat('a', 32), true, false) | found 1 problem(s), e.g. dim_graduate.current aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 2
            test_dim_institution_institution_code_unique | insert into dim_institution (institution_key, institution_code) values (1, '4141010001'), (2, '4141010001') | found 1 problem(s), e.g. dim_institution.institution_code 4141010001 2
            test_dim_graduate_graduate_durable_key_unique | insert into dim_graduate (graduate_key, graduate_durable_key, graduate_id, is_current, is_inferred) values (7, 5, repeat('a', 32), true, false), (8, 5, repeat('b', 32), true, false), (9, 6, repeat('a', 32), false, false), (10, 6, repeat('c', 32), true, false) | found 1 problem(s), e.g. dim_graduate.graduate_durable_key 5 2
            test_fact_graduate_service_graduate_durable_key_relationships | insert into fact_graduate_service (source_id, service_id, graduate_durable_key) values ('PROV-41', 'S1', 99) | found 1 problem(s), e.g. fact_graduate_service.graduate_durable_key -> dim_graduate.graduate_durable_key 1
            test_fact_fair_channel_accepted_values | insert into fact_fair (source_id, fair_id, channel) values ('PROV-41', 'F1', 'carrier-pigeon') | found 1 problem(s), e.g. fact_fair.channel carrier-pigeon 1
            test_fact_post_enterprise_durable_key_not_null | insert into fact_post (origin_platform, origin_post_id) values ('NATL-24365', 'P1') | found 1 problem(s), e.g. fact_post.enterprise_durable_key 1
            assert_no_personal_data | insert into dim_graduate (graduate_key, graduate_id, is_current, is_inferred) values (8, '41010220000101123X', true, false) | found 1 problem(s), e.g. dim_graduate.graduate_id not a keyed hash 18
            assert_no_personal_data | insert into load_rejects (file_name, value) values ('PROV-41_20220509_1.zip', '咨询请拨13812345678') | found 1 problem(s), e.g. load_rejects.value mobile number 15
            assert_no_personal_data | insert into dim_graduate (graduate_key, graduate_id, major_code, is_current, is_inferred) values (9, repeat('c', 32), '11010519491231002X', true, false) | found 1 problem(s), e.g. dim_graduate.major_code identity number 18
            assert_fact_keys_in_dimensions | insert into fact_fair (source_id, fair_id, host_institution_code) values ('PROV-41', 'F9', '4141010001') | found 2 problem(s), e.g. fact_fair -1; fact_fair.host_institution_key 1
            assert_campaign_totals_reconcile | update campaign_totals set fairs = 1 where campaign_id = '2022-sprint' | e.g. 2022-sprint totals differ from the facts
            test_difficulty_push_compliance_unique_key | insert into difficulty_push_compliance (campaign_id, institution_code) values ('2022-sprint', '4141010001'), ('2022-sprint', '4141010001') | found 1 problem(s), e.g. difficulty_push_compliance 2022-sprint, 4141010001 2
            assert_every_column_documented | alter table dim_source add column undocumented integer | found 1 problem(s), e.g. dim_source undocumented
            """)
    void aBrokenWarehouseFailsTheCheckThatGuardsAgainstIt(String check, String breakage, String example)
            throws Exception {
        try (WarehouseBuild build = documentedEmptyWarehouse();
             Statement statement = build.connection().createStatement()) {
            // given
            statement.execute(breakage);

            // when
            var failures = build.runChecks();

            // then the check fails (a breakage may fail others as well, e.g. a fact row without its record)
            assertThat(failures).filteredOn(failure -> failure.startsWith("check " + check + " ")).singleElement()
                    .asString().contains(example);
            assertThat(failures).allSatisfy(failure -> assertThat(failure).doesNotContain("41010220000101123X"));
        }
    }

    private WarehouseBuild documentedEmptyWarehouse() throws Exception {
        WarehouseBuild build = WarehouseBuild.emptySchema(OperatorConfig.load(Path.of("jobs")), temp);
        build.buildReportViews();
        build.document();
        return build;
    }
}
