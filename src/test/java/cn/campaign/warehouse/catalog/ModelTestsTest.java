package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelTestsTest {

    @Test
    void aMaintainedTableIsTestedOnTheRowsTheLoadWrote() {
        // given a table whose key (thing_id) is not its identity (thing_name), as a dimension's surrogate key
        Model facts = model("fact_things", "incremental", new Model.Incremental(List.of("thing_name"),
                List.of(new Model.Feed("stg_things", List.of("thing_name"))), List.of(), null),
                Map.of("colour", column(List.of("red", "blue"), "not_null", "accepted_values")));

        // when
        Map<String, String> checks = ModelTests.checks(List.of(facts), Set.of());

        // then
        assertThat(checks).containsOnlyKeys("test_fact_things_unique_key", "test_fact_things_colour_not_null",
                "test_fact_things_colour_accepted_values");
        assertThat(checks.get("test_fact_things_unique_key")).contains(
                "from fact_things semi join written_fact_things using (thing_id) union all",
                "from written_fact_things where thing_id is null");
        assertThat(checks.get("test_fact_things_colour_accepted_values")).contains("from written_fact_things",
                "not in ('red', 'blue')");
    }

    @Test
    void aKeyHoldingTheIdentityIsTestedOnTheWrittenRowsAlone() {
        // given a table whose key is its identity: a kept row has an identity the load did not write
        Model facts = model("fact_things", "incremental", new Model.Incremental(List.of("thing_id"),
                List.of(new Model.Feed("stg_things", List.of("thing_id"))), List.of(), null), Map.of());

        // when
        Map<String, String> checks = ModelTests.checks(List.of(facts), Set.of());

        // then the table itself is not read
        assertThat(checks.get("test_fact_things_unique_key"))
                .contains("count(*) as occurrences from written_fact_things group by thing_id")
                .doesNotContain("from fact_things");
    }

    @Test
    void aMaintainedTableTheLoadWroteWholeIsTestedWhole() {
        // given
        Model facts = model("fact_things", "incremental", new Model.Incremental(List.of("thing_id"),
                List.of(new Model.Feed("stg_things", List.of("thing_id"))), List.of(), null),
                Map.of("colour", column(List.of("red", "blue"), "not_null")));

        // when
        Map<String, String> checks = ModelTests.checks(List.of(facts), Set.of("fact_things"));

        // then no written rows are looked for: a table's values are not probed against themselves
        assertThat(checks.get("test_fact_things_unique_key")).contains("count(*) as occurrences from fact_things "
                + "group by thing_id").doesNotContain("written_");
        assertThat(checks.get("test_fact_things_colour_not_null")).contains("from fact_things where colour is null")
                .doesNotContain("written_");
    }

    @Test
    void aRelationshipIsLookedUpRowByRowAfterANightAndJoinedOnceAfterAWholeBuild() {
        // given
        Model facts = model("fact_things", "incremental", new Model.Incremental(List.of("thing_id"),
                List.of(new Model.Feed("stg_things", List.of("thing_id"))), List.of(), null),
                Map.of("owner_key", column(List.of(), Map.of("relationships",
                        Map.of("to", "dim_owner", "field", "owner_key")))));

        // when
        String afterANight = ModelTests.checks(List.of(facts), Set.of())
                .get("test_fact_things_owner_key_relationships");
        String afterAWholeBuild = ModelTests.checks(List.of(facts), Set.of("fact_things"))
                .get("test_fact_things_owner_key_relationships");

        // then
        assertThat(afterANight).contains("from written_fact_things as f where f.owner_key is not null and not exists "
                + "(select 1 from dim_owner as t where t.owner_key = f.owner_key)");
        assertThat(afterAWholeBuild).contains("from fact_things as f anti join dim_owner as t on "
                + "t.owner_key = f.owner_key where f.owner_key is not null having count(*) > 0");
    }

    @Test
    void aUniqueColumnWithAConditionIsTestedAmongTheRowsMeetingIt() {
        // given a durable key, unique among current members only
        Model members = model("dim_things", "incremental", new Model.Incremental(List.of("thing_name"),
                List.of(new Model.Feed("stg_things", List.of("thing_name"))), List.of(), null),
                Map.of("thing_durable_key", column(List.of(), Map.of("unique", Map.of("where", "is_current")))));

        // when
        String afterANight = ModelTests.checks(List.of(members), Set.of())
                .get("test_dim_things_thing_durable_key_unique");
        String afterAWholeBuild = ModelTests.checks(List.of(members), Set.of("dim_things"))
                .get("test_dim_things_thing_durable_key_unique");

        // then the current rows holding a written key are counted, not the identities kept
        assertThat(afterANight).contains("from (select thing_durable_key from dim_things semi join written_dim_things "
                + "using (thing_durable_key) where (is_current) union all select thing_durable_key from "
                + "written_dim_things where (thing_durable_key is null) and (is_current)) group by thing_durable_key");
        assertThat(afterAWholeBuild).contains("from (select thing_durable_key from dim_things where (is_current)) "
                + "group by thing_durable_key").doesNotContain("written_");
    }

    @Test
    void aUniqueTestWithOtherOptionsThanAConditionIsNamedWithItsModelFile() {
        assertThatThrownBy(() -> ModelTests.checks(List.of(model("dim_things", "table", null,
                Map.of("colour", column(List.of(), Map.of("unique", Map.of("severity", "warn")))))), Set.of()))
                .hasMessage("the model file sql/warehouse/dim_things.yml declares unique on colour with options other "
                        + "than {where: condition}");
    }

    @Test
    void anUnknownTestOrAcceptedValuesWithoutCodesIsNamedWithItsModelFile() {
        assertThatThrownBy(() -> ModelTests.checks(List.of(model("dim_things", "table", null,
                Map.of("colour", column(List.of(), "nonnull")))), Set.of()))
                .hasMessage("the model file sql/warehouse/dim_things.yml declares the test 'nonnull' on colour, which "
                        + "is not one of: not_null, unique, {unique: {where}}, accepted_values, "
                        + "{relationships: {to, field}}");
        assertThatThrownBy(() -> ModelTests.checks(List.of(model("dim_things", "table", null,
                Map.of("colour", column(List.of(), "accepted_values")))), Set.of()))
                .hasMessage("the model file sql/warehouse/dim_things.yml declares accepted_values on colour, which "
                        + "lists no codes");
    }

    private static Model model(String name, String materialized, Model.Incremental incremental,
                               Map<String, Model.Column> columns) {
        return new Model(name, "warehouse", null, null, List.of("thing_id"), materialized, null, null, null,
                incremental, List.of("unique_key"), null, columns);
    }

    private static Model.Column column(List<String> codes, Object... tests) {
        return new Model.Column("A column.", codes, null, null, List.of(tests));
    }
}
