package cn.campaign.warehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model of sql/intermediate and sql/marts is one text for both engines: the main build runs each on DuckDB,
 * and this test parses each, unchanged, with Spark SQL 4's own parser. A DuckDB-only form (ANTI JOIN, QUALIFY,
 * SELECT * EXCLUDE, ...) written into a model fails here, naming the file, the line and the position.
 */
class SqlPortabilityTest {

    private static final Path SQL = Path.of("..", "sql");
    /** Spark SQL's parser of queries, as a session parses them (no session needed to parse). */
    private static final ParserInterface PARSER = CatalystSqlParser$.MODULE$;

    static Stream<Path> models() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(SQL.resolve("intermediate")),
                Files.list(SQL.resolve("marts")))) {
            return files.filter(file -> file.toString().endsWith(".sql")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void parsesInSparkSqlAsItIs(Path model) throws Exception {
        String text = Files.readString(model, StandardCharsets.UTF_8);

        assertThatCode(() -> PARSER.parsePlan(text))
                .as("%s must parse in Spark SQL 4 as written", model.getFileName())
                .doesNotThrowAnyException();
    }

    @Test
    void aDuckDbOnlyFormIsNamedWithItsLine() {
        String duckDbOnly = "select *\nfrom fact_post as p\nanti join dim_enterprise as e using (uscc)\n"
                + "qualify row_number() over (partition by p.post_key order by 1) = 1";

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> PARSER.parsePlan(duckDbOnly));

        assertThat(thrown).isInstanceOf(ParseException.class);
        assertThat(thrown.getMessage()).contains("line 4");
    }

    @Test
    void everyLayerOfTheReportsIsCovered() throws IOException {
        List<String> names = models().map(path -> path.getFileName().toString()).toList();

        assertThat(names).contains("int_daily_activity.sql", "campaign_totals.sql", "cumulative_progress.sql");
    }
}
