package cn.campaign.warehouse.status;

import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.config.Source;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * One registered source's delivery for a business date: loaded or not, when it was due, how late it is now.
 *
 * @param lastLoaded the latest business date loaded from this source (null: never)
 * @param refused why the source's delivery for the date was not loaded when it was quarantined (null otherwise)
 */
public record SourceFreshness(Source source, LocalDate lastLoaded, Freshness freshness, ZonedDateTime dueAt,
                              long minutesLate, String refused) {

    /** Grades {@code source} for {@code date} at {@code now} under the operator's deadline and thresholds. */
    static SourceFreshness assess(Source source, LocalDate date, boolean loaded, LocalDate lastLoaded, String refused,
                                  Instant now, OperatorConfig config) {
        ZonedDateTime due = date.plusDays(1).atTime(config.statusDeadline()).atZone(config.scheduleZone());
        Duration late = Duration.between(due.toInstant(), now);
        Freshness freshness;
        if (loaded) {
            freshness = Freshness.LOADED;
        } else if (late.isNegative()) {
            freshness = Freshness.PENDING;
        } else if (late.compareTo(config.errorAfter(source)) >= 0) {
            freshness = Freshness.ERROR;
        } else if (late.compareTo(config.warnAfter(source)) >= 0) {
            freshness = Freshness.WARN;
        } else {
            freshness = Freshness.PENDING;
        }
        return new SourceFreshness(source, lastLoaded, freshness, due,
                loaded || late.isNegative() ? 0 : late.toMinutes(), refused);
    }
}
