package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.testing.DeliveryFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A contract field added in a release reaches a warehouse built by an earlier one, on the next load, by itself. */
class ContractEvolutionIT {

    private static final String HEADER =
            "post_id,published_date,enterprise_uscc,title,work_region_code,headcount,origin_platform,origin_post_id";

    @TempDir
    Path temp;

    @Test
    void aFieldTheKeptStagingRecordsLackIsAddedOnTheNextLoad() throws Exception {
        // given a night loaded, by a release whose staged posts had no closed_date yet
        CliHarness cli = new CliHarness(temp, "");
        new DeliveryFixture("PROV-41", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("posts.csv", "post", HEADER + "\nP1,2022-05-09,91350100M000100Y43,工程师,4101,1,PROV-41,P1\n")
                .writeZip(cli.inbox, "PROV-41_20220509_1.zip");
        assertThat(cli.load()).isZero();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"
                + cli.warehouse.resolve("staging/records.duckdb"));
             Statement statement = connection.createStatement()) {
            statement.execute("alter table raw_posts drop column closed_date");
        }

        // when the next night brings a post with the field
        new DeliveryFixture("PROV-41", "2022-05-10", 1, StandardCharsets.UTF_8)
                .file("posts.csv", "post", HEADER + ",closed_date\n"
                        + "P2,2022-05-10,91350100M000100Y43,会计,4101,1,PROV-41,P2,2022-06-01\n")
                .writeZip(cli.inbox, "PROV-41_20220510_1.zip");
        int status = cli.load();

        // then the store gains the column, says so, and the field reaches the star
        assertThat(status).isZero();
        assertThat(cli.lastOutput()).contains("the kept staging records of raw_posts gain the column closed_date");
        assertThat(CliHarness.query(cli.warehouse, "select origin_post_id, closed_date from fact_post order by 1"))
                .containsExactly("P1|null", "P2|2022-06-01");
    }
}
