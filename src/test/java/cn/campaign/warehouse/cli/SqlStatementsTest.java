package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    @Test
    void splitsAtTheSemicolonsThatEndStatements() {
        assertThat(SqlStatements.split("select 1; select 2;\nselect 3"))
                .containsExactly("select 1", "select 2", "select 3");
    }

    @Test
    void aSemicolonInAStringANameADollarStringOrACommentEndsNothing() {
        String text = "select 'a;b''c;' as \"x;y\", $$d;e$$ -- f;g\n, 1 /* h;i */; select 2;";

        assertThat(SqlStatements.split(text)).containsExactly(
                "select 'a;b''c;' as \"x;y\", $$d;e$$ -- f;g\n, 1 /* h;i */", "select 2");
    }

    @Test
    void blankStatementsAndCommentsAloneAreLeftOut() {
        assertThat(SqlStatements.split(" ; ;-- nothing\n; /* none */;")).isEmpty();
    }

    @Test
    void anUnterminatedStringRunsToTheEndAsOneStatement() {
        assertThat(SqlStatements.split("select 'a; b")).containsExactly("select 'a; b");
    }
}
