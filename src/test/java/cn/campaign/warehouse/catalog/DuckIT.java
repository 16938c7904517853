package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings a loading connection runs with, whose effect only the benchmarks show. */
class DuckIT {

    @TempDir
    Path folder;

    @Test
    void aLoadingConnectionKeepsABlockPoolAsLargeAsItsMemoryLimit() throws Exception {
        // given a connection that loads: it spills beyond its memory limit
        try (Connection connection = Duck.open(folder.resolve("catalog.duckdb"), folder.resolve("tmp"))) {

            // when its settings are read
            String limit = setting(connection, "memory_limit");
            String pool = setting(connection, "block_allocator_memory");

            // then the blocks it reads reuse memory the database keeps (a night took a tenth longer without it,
            // most of the difference page faults: docs/BENCHMARKS.md, session 22)
            assertThat(pool).isNotEqualTo("0 bytes").isEqualTo(limit);
        }
    }

    private static String setting(Connection connection, String name) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select current_setting('" + name + "')")) {
            row.next();
            return row.getString(1);
        }
    }
}
