package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.files.Folders;
import cn.campaign.warehouse.testing.IcebergReadBack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse committed by a release that exported the star as Parquet under {@code star/<version>/} takes the star's
 * Iceberg tables on at its next load, by itself and without alarming the operator.
 */
class StarUpgradeIT {

    @TempDir
    Path temp;

    @Test
    void theFirstLoadAfterTheUpgradeWritesTheIcebergTablesAndRemovesTheOldExport() throws Exception {
        // given a warehouse as the earlier release left it: no Iceberg catalog, the star exported per version
        CliHarness cli = new CliHarness(temp, "");
        cli.deliverOneFair();
        assertThat(cli.load()).isZero();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"
                + cli.warehouse.resolve("campaign.duckdb"));
             Statement statement = connection.createStatement()) {
            statement.execute("drop table iceberg_tables");
            statement.execute("drop table iceberg_namespace_properties");
        }
        Path star = cli.warehouse.resolve("star");
        Folders.deleteTree(star);
        Path oldExport = Files.createDirectories(star.resolve("v20220509T013000000"));
        Files.writeString(oldExport.resolve("fact_fair.parquet"), "an earlier release's export");

        // when the next night arrives
        cli.deliverNextNightsFair();
        int status = cli.load();

        // then
        assertThat(status).isZero();
        assertThat(cli.lastOutput()).doesNotContain("WARN");
        assertThat(oldExport).doesNotExist();
        assertThat(IcebergReadBack.mismatches(cli.warehouse)).isEmpty();
        assertThat(IcebergReadBack.rowCounts(cli.warehouse)).containsEntry("fact_fair", 2).hasSize(14);
    }
}
