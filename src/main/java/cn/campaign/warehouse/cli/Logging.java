package cn.campaign.warehouse.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.time.ZoneId;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Sets up logging for the command about to run: logback.xml read again with the command's level, format and zone,
 * which win over the environment's {@code CAMPAIGN_LOG_LEVEL} and {@code CAMPAIGN_LOG_FORMAT}.
 */
final class Logging {

    enum Format { TEXT, JSON }

    /** The levels an operator may ask for; anything else is refused by name rather than read as DEBUG. */
    enum Level { ERROR, WARN, INFO, DEBUG }

    private Logging() {
    }

    static void configure(Level level, Format format, ZoneId zone) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        if (level != null) {
            context.putProperty("OPTION_LOG_LEVEL", level.name());
        }
        Format chosen = format != null ? format : fromEnvironment();
        context.putProperty("OPTION_LOG_FORMAT", chosen.name().toLowerCase(Locale.ROOT));
        // the staging progress bar stays off a JSON log (StagingProgress)
        System.setProperty("warehouse.log.format", chosen.name().toLowerCase(Locale.ROOT));
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
