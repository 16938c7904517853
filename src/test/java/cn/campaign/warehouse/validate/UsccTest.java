package cn.campaign.warehouse.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91110000600037341L", "91110108551385082Q", "91440300708461136T"})
    void acceptsPublishedCodes(String code) {
        assertThat(Uscc.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y44", "911100001000011458", "91350100M000100Y4", "91350100m000100y43",
            "91350100I000100Y43", ""})
    void refusesWrongCheckCharacterLengthCaseOrAlphabet(String code) {
        assertThat(Uscc.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y4", "92440101MA9Y5L1Q0"})
    void completesAPrefixIntoAValidCode(String first17) {
        assertThat(Uscc.isValid(first17 + Uscc.checkCharacterFor(first17))).isTrue();
    }
}
