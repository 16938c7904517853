package cn.campaign.warehouse.generate;

/**
 * Splits a whole-number total into shares proportional to weights, exactly (largest remainder), so that a planted
 * campaign figure is met to the unit however it is spread over provinces, days and events.
 */
final class Quota {

    private Quota() {
    }

    static long[] split(long total, double[] weights) {
        long[] shares = new long[weights.length];
        double sum = 0;
        for (double weight : weights) {
            sum += weight;
        }
        if (total == 0 || sum == 0) {
            return shares;
        }
        double[] remainders = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * (weights[i] / sum);
            shares[i] = (long) Math.floor(exact);
            remainders[i] = exact - shares[i];
            given += shares[i];
        }
        for (long left = total - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = -1;
        }
        return shares;
    }

    static long[] split(long total, long[] weights) {
        double[] asDouble = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            asDouble[i] = weights[i];
        }
        return split(total, asDouble);
    }
}
