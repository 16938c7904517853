package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementMeaningTest {

    @Test
    void commentsAndLayoutAreSetAside() {
        // given one statement as a release wrote it, and as a later one reworded and re-indented it
        String earlier = "-- fact_post: job posts\n-- grain: one row per post\nselect\n    p.origin_platform,\n"
                + "    p.title -- as delivered\nfrom stg_posts as p\n";
        String later = "-- fact_post: job posts, deduplicated nationwide\nselect p.origin_platform,\n\tp.title\n"
                + "from   stg_posts as p -- the latest listing\n\n";

        // then both mean the same
        assertThat(StatementMeaning.of(earlier)).isEqualTo("select p.origin_platform, p.title from stg_posts as p");
        assertThat(StatementMeaning.same(earlier, later)).isTrue();
    }

    @Test
    void aChangeOutsideCommentsCounts() {
        assertThat(StatementMeaning.same("select a from t", "select a, b from t")).isFalse();
        assertThat(StatementMeaning.same("select a from t", "select a  from t -- b\nwhere a > 0")).isFalse();
        // a comment still separates what it stood between
        assertThat(StatementMeaning.of("select a--x\nfrom t")).isEqualTo("select a from t");
    }

    @Test
    void literalsAndQuotedIdentifiersAreKeptAsWritten() {
        // given dashes and whitespace inside a literal and a quoted identifier, and a doubled quote inside a literal
        String statement = "select 'a -- b''s  c' as \"x  --y\"\n  from t";

        // then none of it is read as a comment or a layout
        assertThat(StatementMeaning.of(statement)).isEqualTo("select 'a -- b''s  c' as \"x  --y\" from t");
        assertThat(StatementMeaning.same("select 'a  b'", "select 'a b'")).isFalse();
        assertThat(StatementMeaning.same("select 'a -- b'", "select 'a -- c'")).isFalse();
    }

    @Test
    void whatCannotBeReadWithCertaintyIsComparedAsWritten() {
        // escape strings, dollar quotes and block comments: a reworded comment then counts as a change
        assertThat(StatementMeaning.same("select E'\\'' -- a", "select E'\\'' -- b")).isFalse();
        assertThat(StatementMeaning.same("select $$x$$ -- a", "select $$x$$ -- b")).isFalse();
        assertThat(StatementMeaning.same("select /* a */ 1", "select /* b */ 1")).isFalse();
        // and an unclosed literal keeps the rest as it stands
        assertThat(StatementMeaning.of("select 'a -- b\n  c")).isEqualTo("select 'a -- b\n  c");
    }

    @Test
    void aMissingStatementIsNeverTheSame() {
        assertThat(StatementMeaning.same(null, "select 1")).isFalse();
        assertThat(StatementMeaning.same("select 1", null)).isFalse();
    }
}
