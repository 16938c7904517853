package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order statements run in, from what DuckDB's parser finds each one reading. */
class SqlFolderIT {

    private Connection parser;

    @BeforeEach
    void openParser() throws Exception {
        parser = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void closeParser() throws Exception {
        parser.close();
    }


    @Test
    void ordersEachStatementAfterTheObjectsItReadsButNotAfterThoseItsCommentsName() throws Exception {
        // given statements in name order, the first reading the last, and a comment naming a later one
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("dim_a", "-- like dim_c's key\nselect * from dim_b_source join dim_c using (k)");
        statements.put("dim_b", "select 1 as k");
        statements.put("dim_c", "select k from dim_b");

        // when
        List<String> order = SqlFolder.inDependencyOrder(statements, parser);

        // then dim_b_source is another name, not dim_b
        assertThat(order).containsExactly("dim_b", "dim_c", "dim_a");
    }

    @Test
    void aNameInAStringOrAnAliasIsNotAReference() throws Exception {
        // given dim_a names dim_c in a string and an alias, and dim_c reads dim_a: text matching sees a circle
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("dim_a", "select 'dim_c' as label, k as dim_c from dim_b");
        statements.put("dim_b", "select 1 as k");
        statements.put("dim_c", "with dim_b as (select 2 as k) select a.k from dim_a as a join dim_b using (k)");

        // when
        List<String> order = SqlFolder.inDependencyOrder(statements, parser);

        // then
        assertThat(order).containsExactly("dim_b", "dim_a", "dim_c");
    }

    @Test
    void aStatementDuckDbCannotParseIsNamed() {
        Map<String, String> statements = Map.of("mart_z", "select * form dim_a");

        assertThatThrownBy(() -> SqlFolder.inDependencyOrder(statements, parser))
                .hasMessage("sql/mart_z.sql cannot be parsed: syntax error at or near \"dim_a\"");
    }

    @Test
    void namesTheStatementsThatReadEachOtherInACircle() {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("mart_x", "select * from mart_y");
        statements.put("mart_y", "select * from mart_x");

        assertThatThrownBy(() -> SqlFolder.inDependencyOrder(statements, parser))
                .hasMessage("the SQL files mart_x -> mart_y -> mart_x read each other in a circle; one of them must "
                        + "not read the other");
    }

    @Test
    void theReadersOfAStatementAreThoseReadingItDirectlyOrThroughOthers() throws Exception {
        // given dim_b read by int_c, int_c read by mart_d, and dim_e reading nothing of them
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("dim_b", "select 1 as k");
        statements.put("int_c", "select k from dim_b");
        statements.put("mart_d", "select * from int_c join dim_b using (k)");
        statements.put("dim_e", "select 'int_c' as k -- not from int_c");

        // when
        Set<String> stale = SqlFolder.withReaders(Set.of("dim_b"), statements, parser);

        // then
        assertThat(stale).containsExactlyInAnyOrder("dim_b", "int_c", "mart_d");
        assertThat(SqlFolder.withReaders(Set.of("dim_e"), statements, parser)).containsExactly("dim_e");
    }
}
