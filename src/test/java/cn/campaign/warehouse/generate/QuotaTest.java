package cn.campaign.warehouse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QuotaTest {

    @Test
    void splitsATotalExactlyInProportionToTheWeights() {
        long[] shares = Quota.split(10, new double[] {1, 1, 1});

        assertThat(shares).containsExactly(4, 3, 3);
        assertThat(Arrays.stream(Quota.split(64_000, new double[] {3.3, 0.7, 11, 5, 0.01})).sum()).isEqualTo(64_000);
    }

    @Test
    void givesNothingToAZeroWeightAndNothingOfNothing() {
        assertThat(Quota.split(7, new long[] {0, 2, 0, 5})).containsExactly(0, 2, 0, 5);
        assertThat(Quota.split(0, new long[] {1, 2})).containsExactly(0, 0);
        assertThat(Quota.split(5, new long[] {0, 0})).containsExactly(0, 0);
    }
}
