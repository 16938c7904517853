package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.bench.ViewTimer;
import cn.campaign.warehouse.testing.DeliveryFixture;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a report view is adding files under {@code sql/}: a statement and its model file, and no Java change. The
 * view is built, documented, checked against its declared tests, published and timed.
 */
class AddingAReportViewIT {

    @TempDir
    Path temp;
    private ClassLoader original;
    private Path extra;

    @BeforeEach
    void aMartAddedBesideTheOthers() throws Exception {
        // the files an analyst adds, on the class path as sql/ is in the jar
        extra = Files.createDirectories(temp.resolve("extra/sql/marts"));
        Files.writeString(extra.resolve("fairs_by_channel.sql"), """
                -- fairs_by_channel: fairs per campaign and channel, dated inside the campaign's window.
                -- grain: one row per (campaign, channel) with fairs; key: campaign_id, channel
                select c.campaign_id, f.channel, count(*) as fairs
                from fact_fair as f
                join dim_campaign as c on f.start_date between c.start_date and c.end_date
                group by all
                """);
        Files.writeString(extra.resolve("fairs_by_channel.yml"), """
                key: [campaign_id, channel]
                materialized: table
                tests: [unique_key]
                publish: {}
                columns:
                  campaign_id:
                    description: "The campaign."
                  channel:
                    description: "How the fairs were held."
                    codes: [online, offline, hybrid]
                  fairs:
                    description: "Fairs held that way in the window."
                """);
        original = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(
                new URLClassLoader(new URL[] {temp.resolve("extra").toUri().toURL()}, original));
    }

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(original);
    }

    @Test
    void aViewAddedAsFilesIsBuiltDocumentedCheckedPublishedAndTimed() throws Exception {
        // given a night's fairs
        CliHarness cli = new CliHarness(temp, "");
        cli.deliverOneFair();

        // when
        assertThat(cli.load()).isZero();

        // then it is built and documented
        assertThat(CliHarness.query(cli.warehouse, "select * from fairs_by_channel order by all"))
                .containsExactly("2022-promotion-week|offline|1", "2022-sprint|offline|1");
        assertThat(CliHarness.query(cli.warehouse, "select comment from duckdb_tables() "
                + "where table_name = 'fairs_by_channel'"))
                .containsExactly("Fairs per campaign and channel, dated inside the campaign's window. grain: one "
                        + "row per (campaign, channel) with fairs; key: campaign_id, channel");
        assertThat(CliHarness.query(cli.warehouse, "select comment from duckdb_columns() "
                + "where table_name = 'fairs_by_channel' and column_name = 'channel'"))
                .containsExactly("How the fairs were held. Codes: online, offline, hybrid.");

        // and published, and timed
        assertThat(cli.run("publish", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--as-of", "2022-05-09", "--out", temp.resolve("publish").toString())).isZero();
        Path snapshot = temp.resolve("publish/2022-05-09");
        assertThat(Files.readString(snapshot.resolve("fairs_by_channel.csv")))
                .isEqualTo("\uFEFFcampaign_id,channel,fairs\r\n2022-promotion-week,offline,1\r\n"
                        + "2022-sprint,offline,1\r\n");
        assertThat(Files.readString(snapshot.resolve("manifest.json"))).contains("\"fairs_by_channel.csv\"");
        assertThat(ViewTimer.time(cli.warehouse)).containsKey("fairs_by_channel");

        // and checked: a second view whose declared key is not unique fails the load, named
        Files.writeString(extra.resolve("fairs_by_type.sql"), """
                -- fairs_by_type: one row per fair, wrongly keyed by its type.
                select fair_type, fair_id from fact_fair
                """);
        Files.writeString(extra.resolve("fairs_by_type.yml"), """
                key: [fair_type]
                materialized: table
                tests: [unique_key]
                columns:
                  fair_type:
                    description: "Type of fair."
                  fair_id:
                    description: "The fair."
                """);
        new DeliveryFixture("PROV-41", "2022-05-10", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR.replace("F1", "F2"))
                .writeZip(cli.inbox, "PROV-41_20220510_1.zip");
        assertThat(cli.load()).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("check test_fairs_by_type_unique_key found 1 problem(s)");
    }
}
