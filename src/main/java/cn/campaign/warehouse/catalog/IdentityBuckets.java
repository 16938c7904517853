package cn.campaign.warehouse.catalog;

import java.util.List;

/**
 * The buckets a whole rebuild splits its rows into: as many as keep each within {@code recordsPerBucket} rows, an
 * identity in the bucket its hash gives. A rebuilt table's rows of an identity depend on its own rows alone, so the
 * buckets' rows together are the rows of one build at once.
 */
record IdentityBuckets(long count) {

    static IdentityBuckets of(long rows, long recordsPerBucket) {
        return new IdentityBuckets(Math.max(1, (rows + recordsPerBucket - 1) / recordsPerBucket));
    }

    /** The condition that a row's identity columns fall in {@code bucket}. */
    String holds(List<String> identity, long bucket) {
        return "hash(" + String.join(", ", identity) + ") % " + count + " = " + bucket;
    }
}
