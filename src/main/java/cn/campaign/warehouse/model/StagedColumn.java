package cn.campaign.warehouse.model;

import cn.campaign.warehouse.validate.FieldType;

/** One column of a staged entity file. */
public record StagedColumn(String name, FieldType type) {
}
