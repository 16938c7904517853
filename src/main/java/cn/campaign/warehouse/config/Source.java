package cn.campaign.warehouse.config;

/** A registered source: one regional system that delivers exports. */
public record Source(String sourceId, String kind, String name, String provinceCode) {
}
