package cn.campaign.warehouse.catalog;

import java.math.BigInteger;
import java.util.List;

/**
 * The buckets a whole rebuild splits its rows into: as many as keep each within {@code recordsPerBucket} rows, an
 * identity in the bucket its hash gives. A rebuilt table's rows of an identity depend on its own rows alone, so the
 * buckets' rows together are the rows of one build at once.
 */
record IdentityBuckets(long count) {

    private static final BigInteger HASHES = BigInteger.ONE.shiftLeft(64);

    static IdentityBuckets of(long rows, long recordsPerBucket) {
        return new IdentityBuckets(Math.max(1, (rows + recordsPerBucket - 1) / recordsPerBucket));
    }

    /**
     * The condition that a row's identity columns fall in {@code bucket}: a range of their hash. DuckDB estimates an
     * equality such as {@code hash(id) % 4 = 0} like one on the column itself, a few rows out of millions, and then
     * builds its joins' hash tables on the bucket's records instead of the small side (a national rebuild ran out of
     * memory so); a range it estimates at a fifth of the table.
     */
    String holds(List<String> identity, long bucket) {
        String hash = "hash(" + String.join(", ", identity) + ")";
        String from = hash + " >= " + start(bucket) + "::ubigint";
        return bucket == count - 1 ? from : from + " and " + hash + " < " + start(bucket + 1) + "::ubigint";
    }

    /** The first hash of {@code bucket}: the buckets share the 2^64 hashes evenly. */
    private BigInteger start(long bucket) {
        return HASHES.multiply(BigInteger.valueOf(bucket)).divide(BigInteger.valueOf(count));
    }
}
