package cn.campaign.warehouse.config;

/** How far an archive may expand before it is refused as {@link DeliveryReason#TOO_LARGE}. */
public record ArchiveLimits(long maxTotalBytes, long maxRatio) {

    public static final ArchiveLimits DEFAULT = new ArchiveLimits(2L << 30, 200);

    public long allowedFor(long compressedBytes) {
        return Math.min(maxTotalBytes, Math.max(compressedBytes, 1) * maxRatio);
    }
}
