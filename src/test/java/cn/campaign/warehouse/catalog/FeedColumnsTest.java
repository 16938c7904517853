package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeedColumnsTest {

    private static final List<String> POSTS = List.of("source_id", "origin_post_id", "enterprise_uscc", "title",
            "salary_min");

    @Test
    void aStatementGetsTheColumnsItNamesInTheFeedsOrder() {
        // given a statement reading one column of the feed
        String statement = "select enterprise_USCC as uscc from stg_posts -- title is not read";

        // when / then
        assertThat(FeedColumns.namedIn(statement, POSTS)).containsExactly("enterprise_uscc");
    }

    @Test
    void aStatementSelectingEveryColumnGetsThemAll() {
        assertThat(FeedColumns.namedIn("select * from stg_posts", POSTS)).isEqualTo(POSTS);
        assertThat(FeedColumns.namedIn("select distinct p.* from stg_posts as p", POSTS)).isEqualTo(POSTS);
        assertThat(FeedColumns.namedIn("select columns('salary_.*') from stg_posts", POSTS)).isEqualTo(POSTS);
        assertThat(FeedColumns.namedIn("select * exclude (title) from stg_posts", POSTS)).isEqualTo(POSTS);
    }

    @Test
    void countingAndMultiplyingSelectNoEveryColumn() {
        assertThat(FeedColumns.namedIn("select count(*), salary_min * 2 from stg_posts", POSTS))
                .containsExactly("salary_min");
    }

    @Test
    void aStatementNamingNoColumnStillGetsItsRows() {
        assertThat(FeedColumns.namedIn("select count(*) from stg_posts", POSTS)).containsExactly("source_id");
    }
}
