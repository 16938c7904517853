package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --scale S} plants the 2023 sprint's figures, scaled, so exactly that campaign_totals comes out. */
class GeneratedCampaignIT {

    @TempDir
    Path temp;

    @Test
    void aGeneratedCampaignLoadsIntoExactlyThePlantedFiguresAndIsTheSameForTheSameSeed() throws Exception {
        // given
        CliHarness cli = new CliHarness(temp, "inbox.settle.seconds=0\n");
        assertThat(generate(cli, cli.inbox)).isZero();

        // when
        int status = cli.load();

        // then every figure is the seed article's times 0.002, rounded (30 national fairs round to none)
        assertThat(status).isZero();
        assertThat(CliHarness.query(cli.warehouse, "select fairs, fair_employers, fair_posts, "
                + "fair_attendees, visiting_institutions, enterprises_visited, posts_opened, posts, services "
                + "from campaign_totals where campaign_id = '2023-sprint'"))
                .containsExactly("128|1580|24600|20000|5|472|5800|24000|40000");
        assertThat(CliHarness.query(cli.warehouse, "select count(*) from dim_graduate where is_current "
                + "and cohort = 2023")).containsExactly("21520");
        assertThat(CliHarness.query(cli.warehouse, "select count(distinct graduate_id) "
                + "from fact_graduate_service join dim_graduate using (graduate_durable_key) where program = 'hongzhi'"))
                .containsExactly("188");
        assertThat(CliHarness.query(cli.warehouse, "select min(sources_listing), max(sources_listing) "
                + "from fact_post")).containsExactly("1|3");

        // and the same seed writes the same bytes
        Path again = temp.resolve("again");
        assertThat(generate(cli, again)).isZero();
        assertThat(digests(again)).isEqualTo(digests(cli.inbox));
    }

    private static int generate(CliHarness cli, Path out) {
        return cli.run("generate", "--out", out.toString(), "--scale", "0.002", "--from", "2023-05-01", "--days",
                "20", "--seed", "3");
    }

    private static List<String> digests(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().map(file -> {
                try {
                    return file.getFileName() + " " + HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
