package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.catalog.Duck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Tables fitted to a terminal as DuckDB's duckbox fits them, over results of a real DuckDB. */
class ResultPrinterIT {

    @Test
    void aTableWiderThanTheTerminalKeepsItsFirstAndLastColumnsAndSaysHowManyItShows() throws Exception {
        String printed = print("select 'alpha' as a, 'bravo' as b, 'charlie' as c, 'delta' as d, 'echo' as e, "
                + "42 as f", 36);

        assertThat(printed).isEqualTo("""
                a     | b     | … | e    | f
                ------+-------+---+------+---
                alpha | bravo | … | echo | 42
                (1 row, 6 columns, 4 shown)
                """);
        assertThat(printed.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(36));
    }

    @Test
    void aTableThatFitsOrAnOutputThatIsNoTerminalIsPrintedWhole() throws Exception {
        String sql = "select 'alpha' as a, 'bravo' as b, 'charlie' as c";

        assertThat(print(sql, 200)).isEqualTo(print(sql, 0)).contains("charlie").doesNotContain("…");
    }

    @Test
    void aLongCellIsCutOnlyWhenFittingATerminal() throws Exception {
        String sql = "select repeat('长', 30) as t";

        assertThat(print(sql, 100)).contains("\n" + "长".repeat(19) + "…\n").doesNotContain("长".repeat(20));
        assertThat(print(sql, 0)).contains("长".repeat(30));
    }

    private static String print(String sql, int width) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Connection connection = Duck.open(null, null);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            ResultPrinter.print(rows, ResultPrinter.Mode.TABLE, width,
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
