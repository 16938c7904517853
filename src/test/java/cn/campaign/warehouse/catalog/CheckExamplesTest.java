package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckExamplesTest {

    @Test
    void theSameRowsInAnyOrderGiveTheSameExamples() {
        // given
        CheckExamples forwards = new CheckExamples(2);
        CheckExamples backwards = new CheckExamples(2);

        // when
        for (String row : new String[] {"fact_fair -1", "fact_fair.host_institution_key 1", "fact_post 3"}) {
            forwards.add(row);
        }
        for (String row : new String[] {"fact_post 3", "fact_fair.host_institution_key 1", "fact_fair -1"}) {
            backwards.add(row);
        }

        // then
        assertThat(forwards.examples()).containsExactly("fact_fair -1", "fact_fair.host_institution_key 1");
        assertThat(backwards.examples()).isEqualTo(forwards.examples());
        assertThat(backwards.count()).isEqualTo(3);
    }
}
