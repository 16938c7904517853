package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BuildStatementsTest {

    private static final Map<String, String> RELEASE = Map.of(
            "staging/stg_posts", "select 1",
            "warehouse/fact_post", "select 2",
            "intermediate/int_daily_activity", "select 3",
            "storage/compatibility_version", "v1.4.0");

    private final BuildStatements current = new BuildStatements(RELEASE);

    @Test
    void theSameStatementsDifferInNoModel() {
        assertThat(current.differingModels(new BuildStatements(RELEASE))).contains(Set.of());
    }

    @Test
    void aWarehouseOrIntermediateStatementThatDiffersIsNamed() {
        // given a committed state built by a release whose fact_post and int_daily_activity differ
        BuildStatements committed = with("warehouse/fact_post", "select 'earlier'",
                "intermediate/int_daily_activity", "select 'earlier'");

        // then a load continues it, rebuilding those two
        assertThat(current.differingModels(committed)).hasValueSatisfying(models -> assertThat(models)
                .containsExactly("fact_post", "int_daily_activity"));
    }

    @Test
    void statementsRewordedInCommentsOrLayoutOnlyDifferInNoModel() {
        // given a committed state built by a release whose statements said the same with other comments and layout
        BuildStatements release = BuildStatements.current();
        Map<String, String> reworded = new TreeMap<>();
        release.statements().forEach((name, statement) -> reworded.put(name,
                "-- as an earlier release worded it\n" + statement.replace("\n", "\n  ").replace(" as ", "   as ")));

        // then a load continues it and rebuilds nothing, even after the clustering recorded on the last line
        assertThat(reworded.get("intermediate/int_campaign_graduate_services"))
                .endsWith("\n  -- cluster_by: campaign_id");
        assertThat(release.differingModels(new BuildStatements(reworded))).contains(Set.of());
        assertThat(release.builtTheSameAs(new BuildStatements(reworded))).isTrue();
        assertThat(release.builtTheSameAs(with())).isFalse();
    }

    @Test
    void aStagingStatementOrStorageFormatThatDiffersMeansBuildingEveryTable() {
        assertThat(current.differingModels(with("staging/stg_posts", "select 'earlier'"))).isEmpty();
        assertThat(current.differingModels(with("storage/compatibility_version", "v1.0.0"))).isEmpty();
    }

    @Test
    void aModelAddedOrRemovedOrNoStatementsRecordedMeansBuildingEveryTable() {
        Map<String, String> fewer = new TreeMap<>(RELEASE);
        fewer.remove("intermediate/int_daily_activity");
        Map<String, String> more = new TreeMap<>(RELEASE);
        more.put("intermediate/int_new", "select 4");

        assertThat(current.differingModels(new BuildStatements(fewer))).isEmpty();
        assertThat(current.differingModels(new BuildStatements(more))).isEmpty();
        assertThat(current.differingModels(new BuildStatements(Map.of()))).isEmpty();
    }

    @Test
    void aTablesClusteringIsRecordedWithItsStatementSoThatAChangeRebuildsIt() {
        // given this release's statements, and a state built before int_campaign_graduate_services was clustered
        BuildStatements release = BuildStatements.current();
        Map<String, String> before = new TreeMap<>(release.statements());
        String statement = before.get("intermediate/int_campaign_graduate_services");
        before.put("intermediate/int_campaign_graduate_services",
                statement.substring(0, statement.lastIndexOf("\n-- cluster_by: ")));

        // then the clustering is recorded after the statement, and a load continuing that state rebuilds the table
        assertThat(statement).endsWith("\n-- cluster_by: campaign_id");
        assertThat(release.differingModels(new BuildStatements(before))).hasValueSatisfying(models -> assertThat(models)
                .containsExactly("int_campaign_graduate_services"));
    }

    private static BuildStatements with(String... replaced) {
        Map<String, String> statements = new TreeMap<>(RELEASE);
        for (int i = 0; i < replaced.length; i += 2) {
            statements.put(replaced[i], replaced[i + 1]);
        }
        return new BuildStatements(statements);
    }
}
