package cn.campaign.warehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campaign.warehouse.validate.Entity;
import org.junit.jupiter.api.Test;

class EntityRowTest {

    @Test
    void writesTheValuesInTheContractsFieldOrderQuotedWhereNeededAndClearsThemForTheNextRow() {
        // given
        EntityRow row = new EntityRow(Entity.FAIR);

        // when values are set in another order than the contract's
        String written = row.set("attendees", 50).set("fair_id", "F1").set("name", "双选会, 第1场")
                .set("start_date", "2022-05-09").take().toString();
        String next = row.set("fair_id", "F2").take().toString();

        // then
        assertThat(EntityRow.header(Entity.FAIR)).isEqualTo("fair_id,name,start_date,end_date,fair_type,channel,"
                + "host_institution_code,region_code,employers,posts,positions,attendees");
        assertThat(written).isEqualTo("F1,\"双选会, 第1场\",2022-05-09,,,,,,,,,50");
        assertThat(next).isEqualTo("F2,,,,,,,,,,,");
    }

    @Test
    void aFieldTheContractDoesNotHaveFailsAtOnce() {
        assertThatThrownBy(() -> new EntityRow(Entity.VISIT).set("visitor", "president"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the export contract's visit has no field visitor");
    }
}
