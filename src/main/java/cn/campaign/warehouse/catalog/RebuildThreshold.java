package cn.campaign.warehouse.catalog;

/**
 * When a load rebuilds a kept table whole rather than recomputing it identity by identity: deleting and inserting
 * most of a table's rows one identity at a time costs many times its rebuild (a back-filled campaign took 1,063 s
 * that way where a rebuild takes about 150 s), while a night touching 1 % of it costs a fraction of one.
 *
 * @param share the share of the table's rows ({@code load.rebuild.share}) from which touched identities rebuild it
 */
record RebuildThreshold(double share) {

    /** Whether recomputing {@code touched} identities of a table holding {@code rows} rows should rebuild it. */
    boolean rebuildsWhole(long touched, long rows) {
        // an empty table is filled by the identity path at the cost of a rebuild, and the layers after it stay patched
        return rows > 0 && touched >= share * rows;
    }

    /** The log's reason for a rebuild. */
    String reason(long touched, long rows) {
        return "this load touches " + touched + " identities against its " + rows + " rows, at least "
                + "load.rebuild.share (" + share + ") of them";
    }
}
