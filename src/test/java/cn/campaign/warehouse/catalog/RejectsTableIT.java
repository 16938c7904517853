package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rejects table reads the rejects files of the deliveries the ledger says rejected records. */
class RejectsTableIT {

    @TempDir
    Path staging;

    @Test
    void readsTheRejectsOfDeliveriesThatRejectedRecordsAndOfLedgerRowsWithoutACount() throws Exception {
        try (Connection connection = Duck.open(null, null); Statement statement = connection.createStatement()) {
            // given three deliveries with a rejects file: one counted 1 rejected record, one 0, one has no count
            for (String macros : SqlFolder.read("macros").values()) {
                statement.execute(macros);
            }
            statement.execute("create table " + LoaderTable.LEDGER.table()
                    + " (staging_key varchar, rejected bigint)");
            statement.execute("insert into " + LoaderTable.LEDGER.table()
                    + " values ('counted', 1), ('none', 0), ('legacy', null), (null, null)");
            for (String key : List.of("counted", "none", "legacy")) {
                Path folder = Files.createDirectories(staging.resolve(key));
                statement.execute("copy (select '" + key + ".zip' as file_name, 'posts.csv' as entity_file, "
                        + "2::bigint as line, 'headcount' as field, 'NOT_A_NUMBER' as reason, 'many' as value) to '"
                        + Duck.literal(folder.resolve("rejects.parquet").toString()) + "' (format parquet)");
            }

            // when
            RejectsTable.create(connection, staging);

            // then the delivery that counted none is not looked at: a rejects file beside it would be stray
            List<String> files = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select file_name from " + LoaderTable.REJECTS.table()
                    + " order by file_name")) {
                while (rows.next()) {
                    files.add(rows.getString(1));
                }
            }
            assertThat(files).containsExactly("counted.zip", "legacy.zip");
        }
    }
}
