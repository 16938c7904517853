package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.IMarkerFactory;
import org.slf4j.ILoggerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The library loaded ahead starts before the command line is read and logging is set up: if its thread touched SLF4J,
 * SLF4J could be set up on two threads at once, and it then prints lines of its own on stderr ("A number (2) of
 * logging calls during the initialization phase have been intercepted..."), which break a JSON log. The thread must
 * leave logging alone: run in a JVM of its own whose SLF4J provider says when it is set up.
 */
class LibraryAheadIT {

    static final String SET_UP = "slf4j set up";
    static final String LOADED = "library thread ended";

    @Test
    void theLibraryLoadedAheadLeavesLoggingAlone() throws Exception {
        // given a JVM whose SLF4J provider prints a line when SLF4J sets it up
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dslf4j.provider=" + AnnouncingProvider.class.getName(), LibraryAlone.class.getName()))
                .redirectErrorStream(true).start();

        // when it loads DuckDB's library ahead, as a command does first, and waits for that thread to end
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        // then the thread ended without setting up logging
        assertThat(output).contains(LOADED).doesNotContain(SET_UP);
    }

    /** The child JVM's work: the command's first step alone. */
    public static final class LibraryAlone {
        public static void main(String[] args) throws InterruptedException {
            WarmUp.startLibrary();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("duckdb-library")) {
                    thread.join();
                }
            }
            System.out.println(LOADED);
        }
    }

    /** An SLF4J provider that logs nowhere and says when it is set up. */
    public static final class AnnouncingProvider implements SLF4JServiceProvider {
        private final ILoggerFactory loggers = new NOPLoggerFactory();
        private final IMarkerFactory markers = new BasicMarkerFactory();
        private final MDCAdapter mdc = new NOPMDCAdapter();

        @Override
        public ILoggerFactory getLoggerFactory() {
            return loggers;
        }

        @Override
        public IMarkerFactory getMarkerFactory() {
            return markers;
        }

        @Override
        public MDCAdapter getMDCAdapter() {
            return mdc;
        }

        @Override
        public String getRequestedApiVersion() {
            return "2.0.99";
        }

        @Override
        public void initialize() {
            System.out.println(SET_UP);
        }
    }
}
