package cn.campaign.warehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campaign.warehouse.validate.IdNumber;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentitiesTest {

    @Test
    void theCampaignsOfDifferentYearsServeDifferentGraduates() {
        // given the same province and running numbers in the cohorts of 2022 and 2023
        Set<String> cohort2022 = new HashSet<>();
        Set<String> cohort2023 = new HashSet<>();

        // when
        for (long index = 0; index < 3_000_000; index += 997) {
            cohort2022.add(Identities.idNumber("41", 2022, index));
            cohort2023.add(Identities.idNumber("41", 2023, index));
        }

        // then no identity number is in both, and each is one that validation accepts
        assertThat(cohort2022).doesNotContainAnyElementsOf(cohort2023);
        assertThat(cohort2022).allSatisfy(number -> assertThat(IdNumber.isValid(number, java.time.LocalDate.of(2010, 1, 1))).isTrue());
    }

    @Test
    void the2023CohortKeepsTheNumbersEarlierReleasesGenerated() {
        // so that a benchmark warehouse loaded before cohorts were told apart continues with the same graduates
        assertThat(Identities.idNumber("41", 2023, 0)).isEqualTo("410101199901010003");
        assertThat(Identities.idNumber("41", 2023, 1_234_567)).isEqualTo("410101200205195679");
        assertThat(Identities.idNumber("11", 2023, 2_500_000)).isEqualTo("110102200109270005");
    }
}
