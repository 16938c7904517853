package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlFolderTest {

    @Test
    void ordersEachStatementAfterTheObjectsItReadsButNotAfterThoseItsCommentsName() {
        // given statements in name order, the first reading the last, and a comment naming a later one
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("dim_a", "-- like dim_c's key\nselect * from dim_b_source join dim_c using (k)");
        statements.put("dim_b", "select 1 as k");
        statements.put("dim_c", "select k from dim_b");

        // when
        List<String> order = SqlFolder.inDependencyOrder(statements);

        // then dim_b_source is another name, not dim_b
        assertThat(order).containsExactly("dim_b", "dim_c", "dim_a");
    }

    @Test
    void namesTheStatementsThatReadEachOtherInACircle() {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("mart_x", "select * from mart_y");
        statements.put("mart_y", "select * from mart_x");

        assertThatThrownBy(() -> SqlFolder.inDependencyOrder(statements))
                .hasMessage("the SQL files mart_x -> mart_y -> mart_x read each other in a circle; one of them must "
                        + "not read the other");
    }
}
