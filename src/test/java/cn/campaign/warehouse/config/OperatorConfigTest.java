package cn.campaign.warehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorConfigTest {

    @TempDir
    Path jobs;

    private void givenLoadProperties(String text) throws Exception {
        Files.copy(Path.of("jobs/sources.csv"), jobs.resolve("sources.csv"));
        Files.copy(Path.of("jobs/campaigns.csv"), jobs.resolve("campaigns.csv"));
        Files.writeString(jobs.resolve("load.properties"), text);
    }

    @Test
    void anEnvironmentVariableOverridesTheFileAsSpringBootWould() throws Exception {
        givenLoadProperties("inbox.settle.seconds=60\n");

        OperatorConfig config = OperatorConfig.load(jobs, Map.of("CAMPAIGN_INBOX_SETTLE_SECONDS", "0"),
                new Properties());

        assertThat(config.inboxSettleSeconds()).isZero();
    }

    @Test
    void aSharedCatalogThatIsNotPostgreSqlIsRefusedWithoutShowingItsPassword() throws Exception {
        givenLoadProperties("shared.catalog.url=jdbc:mysql://db/campaign?user=nightly&password=secret\n");

        OperatorConfig config = OperatorConfig.load(jobs, Map.of(), new Properties());

        assertThatThrownBy(config::sharedCatalog).hasMessage("the setting shared.catalog.url is "
                + "'jdbc:mysql://db/campaign', which is not a PostgreSQL JDBC URL such as "
                + "jdbc:postgresql://db.example:5432/campaign");
    }

    @Test
    void theRebuildShareIsHalfATableUnlessTheOperatorSetsIt() throws Exception {
        givenLoadProperties("");

        OperatorConfig defaults = OperatorConfig.load(jobs, Map.of(), new Properties());
        OperatorConfig overridden = OperatorConfig.load(jobs, Map.of("CAMPAIGN_LOAD_REBUILD_SHARE", "0.8"),
                new Properties());

        assertThat(defaults.loadRebuildShare()).isEqualTo(0.5);
        assertThat(overridden.loadRebuildShare()).isEqualTo(0.8);
        assertThat(defaults.unknownSettings()).isEmpty();
    }

    @Test
    void aRebuildBucketOfNoRecordsIsRefusedWithASentence() throws Exception {
        givenLoadProperties("load.rebuild.bucket.records=0\n");

        OperatorConfig config = OperatorConfig.load(jobs, Map.of(), new Properties());

        assertThatThrownBy(config::loadRebuildBucketRecords).hasMessage("the setting load.rebuild.bucket.records is 0, "
                + "which is not a number of records of at least 1");
    }

    @Test
    void aSqlSessionsMemoryIsDuckDbsUnlessSetAndAnAmountAboveZeroWhenSet() throws Exception {
        givenLoadProperties("sql.memory.limit=\n");

        OperatorConfig unset = OperatorConfig.load(jobs, Map.of(), new Properties());
        OperatorConfig set = OperatorConfig.load(jobs, Map.of("CAMPAIGN_SQL_MEMORY_LIMIT", "8GB"), new Properties());
        OperatorConfig none = OperatorConfig.load(jobs, Map.of("CAMPAIGN_SQL_MEMORY_LIMIT", "0 MB"), new Properties());

        assertThat(unset.sqlMemoryLimit()).isEmpty();
        assertThat(set.sqlMemoryLimit()).contains("8GB");
        assertThatThrownBy(none::sqlMemoryLimit).hasMessage("the setting sql.memory.limit is '0 MB' in the "
                + "environment variable CAMPAIGN_SQL_MEMORY_LIMIT, which is not an amount of memory above zero, "
                + "such as 8GB or 512MB");
    }

    @Test
    void aSystemPropertyOverridesTheEnvironment() throws Exception {
        givenLoadProperties("reject.rate.max=0.05\n");
        Properties system = new Properties();
        system.setProperty("campaign.reject.rate.max", "0.5");

        OperatorConfig config = OperatorConfig.load(jobs, Map.of("CAMPAIGN_REJECT_RATE_MAX", "0.2"), system);

        assertThat(config.maxRejectRate()).isEqualTo(0.5);
    }

    @Test
    void theFileAndThenTheDefaultApplyWhenNothingOverrides() throws Exception {
        givenLoadProperties("publish.small.cell.max=9\n");

        OperatorConfig config = OperatorConfig.load(jobs, Map.of("INBOX_SETTLE_SECONDS", "0"), new Properties());

        assertThat(config.smallCellMax()).isEqualTo(9);
        assertThat(config.inboxSettleSeconds()).as("a variable without the CAMPAIGN_ prefix is not ours")
                .isEqualTo(60);
    }

    @Test
    void aValueThatIsNotANumberNamesTheSettingAndWhereItCameFrom() throws Exception {
        givenLoadProperties("");

        OperatorConfig config = OperatorConfig.load(jobs, Map.of("CAMPAIGN_INBOX_SETTLE_SECONDS", "soon"),
                new Properties());

        assertThatThrownBy(config::inboxSettleSeconds).hasMessage("the setting inbox.settle.seconds is 'soon' in "
                + "the environment variable CAMPAIGN_INBOX_SETTLE_SECONDS, which is not a whole number");
    }

    @Test
    void aMistypedVariableOrKeyIsNamedWithTheKeyItProbablyMeant() throws Exception {
        givenLoadProperties("inbox.setle.seconds=0\n");

        OperatorConfig config = OperatorConfig.load(jobs, Map.of("CAMPAIGN_REJECT_RATE", "0.2",
                "CAMPAIGN_PSEUDONYM_KEY", "not a setting, and not named"), new Properties());

        assertThat(config.unknownSettings()).containsExactlyInAnyOrder(
                "the environment variable CAMPAIGN_REJECT_RATE is not a setting of the load "
                        + "(did you mean CAMPAIGN_REJECT_RATE_MAX?); it is ignored",
                "the key inbox.setle.seconds in " + jobs + "/load.properties is not a setting of the load "
                        + "(did you mean inbox.settle.seconds?); it is ignored");
    }
}
