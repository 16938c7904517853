package cn.campaign.warehouse.config;

import java.time.LocalDate;

/** A campaign of the calendar: its window and the graduating cohort it serves. */
public record Campaign(String campaignId, String name, LocalDate startDate, LocalDate endDate, int cohort) {
}
