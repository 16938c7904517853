package cn.campaign.warehouse.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdNumberTest {

    private static final LocalDate BUSINESS_DATE = LocalDate.of(2022, 5, 9);

    @Test
    void acceptsTheStandardsExampleInEitherCaseOfX() {
        assertThat(IdNumber.isValid("11010519491231002X", BUSINESS_DATE)).isTrue();
        assertThat(IdNumber.isValid("11010519491231002x", BUSINESS_DATE)).isTrue();
    }

    @Test
    void refusesAWrongCheckCharacter() {
        assertThat(IdNumber.isValid("110105194912310021", BUSINESS_DATE)).isFalse();
    }

    @Test
    void refusesImpossibleOrOutOfRangeBirthDates() {
        String feb30 = "41010220000230123";
        String before1900 = "41010218991231123";
        String afterBusinessDate = "41010220220510123";
        assertThat(IdNumber.isValid(feb30 + IdNumber.checkCharacterFor(feb30), BUSINESS_DATE)).isFalse();
        assertThat(IdNumber.isValid(before1900 + IdNumber.checkCharacterFor(before1900), BUSINESS_DATE)).isFalse();
        assertThat(IdNumber.isValid(afterBusinessDate + IdNumber.checkCharacterFor(afterBusinessDate), BUSINESS_DATE))
                .isFalse();
    }

    @Test
    void derivesGenderBirthYearAndOriginProvince() {
        assertThat(IdNumber.gender("11010519491231002X")).isEqualTo("female");
        assertThat(IdNumber.birthYear("11010519491231002X")).isEqualTo(1949);
        assertThat(IdNumber.originProvince("11010519491231002X")).isEqualTo("11");
    }
}
