package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logging is read from logback.xml again only when the command asks for something its first reading did not. */
class LoggingTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> firstReading = new ListAppender<>();

    @BeforeEach
    void markTheFirstReading() {
        // the environment's settings are the defaults here, as in an operator's shell without the variables
        assumeTrue(System.getenv("CAMPAIGN_LOG_FORMAT") == null);
        firstReading.setName("first-reading");
        firstReading.setContext(context);
        firstReading.start();
        root.addAppender(firstReading);
    }

    @AfterEach
    void readTheConfigurationAgain() {
        root.detachAppender(firstReading);
        Logging.configure(null, null, Logging.DEFAULT_ZONE, false);
    }

    @Test
    void aProcesssOnlyCommandWithTheEnvironmentsSettingsKeepsTheFirstReading() {
        // when a command run by java -jar names no level, no format and the default zone
        Logging.configure(null, null, Logging.DEFAULT_ZONE, true);

        // then what logback read at its start stays
        assertThat(root.getAppender("first-reading")).isSameAs(firstReading);
        assertThat(System.getProperty("warehouse.log.format")).isEqualTo("text");
    }

    @Test
    void aCommandThatAsksForAnotherLevelReadsTheConfigurationAgain() {
        // when the only command asks for DEBUG
        Logging.configure(Logging.Level.DEBUG, null, Logging.DEFAULT_ZONE, true);

        // then the configuration was read again, at that level
        assertThat(root.getAppender("first-reading")).isNull();
        assertThat(context.getLogger("cn.campaign.warehouse").getLevel())
                .isEqualTo(ch.qos.logback.classic.Level.DEBUG);
    }

    @Test
    void aJvmThatRunsManyCommandsReadsItForEach() {
        // when a command runs inside a longer-lived JVM (a test's), whose earlier commands may have asked otherwise
        Logging.configure(null, null, Logging.DEFAULT_ZONE, false);

        // then
        assertThat(root.getAppender("first-reading")).isNull();
    }
}
