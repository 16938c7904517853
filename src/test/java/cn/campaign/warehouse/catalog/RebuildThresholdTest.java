package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RebuildThresholdTest {

    private final RebuildThreshold half = new RebuildThreshold(0.5);

    @Test
    void aNightTouchingAFewIdentitiesKeepsTheIdentityPath() {
        // a national night: 107,600 re-sent graduates of 11.5 M roster versions
        assertThat(half.rebuildsWhole(107_600, 11_500_000)).isFalse();
    }

    @Test
    void aBackFilledCampaignTouchingAsManyIdentitiesAsTheTableHoldsRebuildsIt() {
        assertThat(half.rebuildsWhole(10_800_000, 11_500_000)).isTrue();
        assertThat(half.rebuildsWhole(500, 1_000)).as("exactly the share").isTrue();
        assertThat(half.rebuildsWhole(499, 1_000)).isFalse();
    }

    @Test
    void anEmptyTableIsFilledIdentityByIdentity() {
        assertThat(half.rebuildsWhole(1_000, 0)).isFalse();
    }

    @Test
    void aShareAboveOneRebuildsOnlyWhenMoreIdentitiesThanRowsAreTouched() {
        assertThat(new RebuildThreshold(2).rebuildsWhole(1_000, 1_000)).isFalse();
    }

    @Test
    void theReasonNamesTheSettingAnOperatorWouldChange() {
        assertThat(half.reason(600, 1_000))
                .isEqualTo("this load touches 600 identities against its 1000 rows, at least load.rebuild.share "
                        + "(0.5) of them");
    }
}
