package cn.campaign.warehouse.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.time.ZoneId;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Sets up logging for the command about to run: logback.xml read again with the command's level, format and zone,
 * which win over the environment's {@code CAMPAIGN_LOG_LEVEL} and {@code CAMPAIGN_LOG_FORMAT}. Logback read it once
 * already, with the environment's settings, when the first class asked for a logger; a process's only command that
 * changes none of them keeps that reading rather than paying a second (a fifth of a second of every {@code sql}).
 */
final class Logging {

    enum Format { TEXT, JSON }

    /** The levels an operator may ask for; anything else is refused by name rather than read as DEBUG. */
    enum Level { ERROR, WARN, INFO, DEBUG }

    /** The zone logback.xml writes times in when the command names none. */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private Logging() {
    }

    /**
     * {@code onlyCommand}: the command is the process's only one, so nothing but logback's own start configured the
     * logging before (a test's JVM runs many commands, each with its own options).
     */
    static void configure(Level level, Format format, ZoneId zone, boolean onlyCommand) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Format chosen = format != null ? format : fromEnvironment();
        // the staging progress bar stays off a JSON log (StagingProgress)
        System.setProperty("warehouse.log.format", chosen.name().toLowerCase(Locale.ROOT));
        if (onlyCommand && level == null && format == null && chosen == Format.TEXT && zone.equals(DEFAULT_ZONE)) {
            return;
        }
        context.reset();
        if (level != null) {
            context.putProperty("OPTION_LOG_LEVEL", level.name());
        }
        context.putProperty("OPTION_LOG_FORMAT", chosen.name().toLowerCase(Locale.ROOT));
        context.putProperty("OUTCOME_EVENTS", chosen == Format.JSON ? "INFO" : "OFF");
        context.putProperty("OPTION_LOG_ZONE", zone.getId());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(Logging.class.getResource("/logback.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("the logging configuration built into the jar cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static Format fromEnvironment() {
        String variable = System.getenv("CAMPAIGN_LOG_FORMAT");
        if (variable == null || variable.isBlank()) {
            return Format.TEXT;
        }
        try {
            return Format.valueOf(variable.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CAMPAIGN_LOG_FORMAT is '" + variable + "'; it must be text or json");
        }
    }
}
