package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyst's prompt: dot commands, statements over several lines, modes, timing, and a history that stays. */
class SqlPromptIT {

    @TempDir
    Path temp;
    CliHarness cli;

    @BeforeEach
    void oneNightLoaded() throws Exception {
        cli = new CliHarness(temp, "");
        cli.deliverOneFair();
        assertThat(cli.load()).isZero();
    }

    @Test
    void aSessionOfDotCommandsAndStatementsIsKeptInTheHistory() throws Exception {
        // given
        Path history = temp.resolve("history");

        // when
        int status = session(history, """
                .tables
                .schema campaign_totals
                select campaign_id,
                    fairs from campaign_totals
                    order by 1;
                .mode csv
                select 'a,b' as x;
                .timer on
                select 2 as y;
                .unknown
                exit
                """);

        // then
        assertThat(status).isZero();
        assertThat(cli.lastOutput())
                .contains("fact_post", "campaign_totals", "int_campaign_graduates")
                .containsPattern("\nfairs +\\| BIGINT +\\| Recruitment fairs")
                .containsPattern("2022-promotion-week \\| +1\n2022-sprint +\\| +1\n")
                .contains("x\r\n\"a,b\"\r\n")
                .contains("Run Time: ")
                .contains("unknown command .unknown");
        assertThat(Files.readString(history)).contains("select 'a,b' as x;").contains("select 2 as y;");

        // when a second session comes
        assertThat(session(history, "select 3 as z;\nquit\n")).isZero();

        // then the history goes on from the first
        assertThat(Files.readString(history)).contains("select 'a,b' as x;").contains("select 3 as z;");
    }

    @Test
    void aTableShowsNullApartAndNumbersRightAlignedInPlainNotationAndErrorsWhole() {
        // when
        int shown = cli.run("sql", "--warehouse", cli.warehouse.toString(),
                "select null::varchar as n, '' as e, 7 as i, 0.0001::double as d, 'x' as t union all "
                        + "select 'a', 'b', 12345, 2.0, 'y'");
        String table = cli.lastOutput();
        int failed = cli.run("sql", "--warehouse", cli.warehouse.toString(), "select * from campaign_total");

        // then
        assertThat(shown).isZero();
        assertThat(table).contains("""
                n    | e | i     | d      | t
                -----+---+-------+--------+--
                NULL |   |     7 | 0.0001 | x
                a    | b | 12345 |    2.0 | y
                (2 rows)""");
        assertThat(failed).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("query failed: Catalog Error: Table with name campaign_total does not "
                + "exist!").contains("Did you mean \"campaign_totals\"?");
    }

    @Test
    void severalStatementsOnOneLineRunInOrderInEachOfDuckDbsModes() throws Exception {
        // when
        int status = session(temp.resolve("history"), """
                .mode json
                select 1 as a, null as n; select 'x;y' as b;
                .mode markdown
                select 'p|q' as m, 2 as k;
                .mode line
                select 'l' as long_name, 3 as k;
                .mode xml
                quit
                """);

        // then
        assertThat(status).isZero();
        assertThat(cli.lastOutput())
                .contains("[ {\n  \"a\" : 1,\n  \"n\" : null\n} ]\n[ {\n  \"b\" : \"x;y\"\n} ]")
                .contains("| m | k |\n|---|---:|\n| p\\|q | 2 |")
                .contains("long_name = l\n        k = 3")
                .contains("usage: .mode table|csv|json|markdown|line");
    }

    @Test
    void aQueryOfSeveralStatementsPrintsEachAndStopsAtTheFirstThatFails() {
        int status = cli.run("sql", "--warehouse", cli.warehouse.toString(),
                "select 1 as first; select * from nowhere; select 3 as third");

        assertThat(status).isEqualTo(1);
        assertThat(cli.lastOutput()).contains("first\n-----\n    1\n(1 row)")
                .contains("query failed: Catalog Error: Table with name nowhere does not exist!")
                .doesNotContain("third");
    }

    @Test
    void endOfInputLeavesCleanly() throws Exception {
        assertThat(session(temp.resolve("history"), "select 1 as x;\n")).isZero();
        assertThat(cli.lastOutput()).contains("(1 row)");
    }

    private int session(Path history, String typed) {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
        try {
            return cli.run("sql", "--warehouse", cli.warehouse.toString(), "--history", history.toString());
        } finally {
            System.setIn(stdin);
        }
    }
}
