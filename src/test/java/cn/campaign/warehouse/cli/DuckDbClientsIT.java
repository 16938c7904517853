package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.catalog.Model;
import cn.campaign.warehouse.catalog.Models;
import cn.campaign.warehouse.testing.DeliveryFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog opens in the DuckDB clients analysts have: the 1.4 LTS and the latest 1.5 drivers (copied to
 * {@code target/duckdb-clients} by the build), each in a process of its own, read every report view of a state that
 * was built whole and then continued.
 */
class DuckDbClientsIT {

    @TempDir
    Path temp;

    @Test
    void olderDuckDbClientsReadEveryReportViewOfAContinuedState() throws Exception {
        // given two nights loaded, the second continuing from the first
        CliHarness cli = new CliHarness(temp, "");
        for (String night : List.of("2022-05-09", "2022-05-10")) {
            new DeliveryFixture("PROV-41", night, 1, StandardCharsets.UTF_8)
                    .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR.replace("F1", "F" + night)
                            .replace("2022-05-09", night))
                    .writeZip(cli.inbox, "PROV-41_" + night.replace("-", "") + "_1.zip");
            assertThat(cli.load()).isZero();
        }
        assertThat(cli.console()).contains("continuing from the committed state");
        List<Path> clients;
        try (Stream<Path> jars = Files.list(Path.of("target/duckdb-clients"))) {
            clients = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(clients).hasSize(2);

        for (Path client : clients) {
            // when
            List<String> command = new ArrayList<>(List.of("java", "-cp", client.toString(),
                    Path.of("src/test/resources/clients/ReadReportViews.java").toString(),
                    cli.warehouse.resolve("campaign.duckdb").toString()));
            Models.published().stream().map(Model::name).forEach(command::add);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

            // then
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("client v1.").contains("campaign_totals 3");
            for (Model view : Models.published()) {
                assertThat(output).contains(view.name() + " ");
            }
        }
    }
}
