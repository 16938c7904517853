package cn.campaign.warehouse.config;

/**
 * A registered source: one regional system that delivers exports. {@code warnAfterMinutes} and {@code
 * errorAfterMinutes}, when set, replace the load settings' thresholds of lateness for this source alone (a source
 * known to deliver late in the day, or one whose data the 17:00 report cannot do without).
 */
public record Source(String sourceId, String kind, String name, String provinceCode, Long warnAfterMinutes,
                     Long errorAfterMinutes) {

    public Source(String sourceId, String kind, String name, String provinceCode) {
        this(sourceId, kind, name, provinceCode, null, null);
    }
}
