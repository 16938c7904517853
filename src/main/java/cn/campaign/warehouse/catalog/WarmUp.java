package cn.campaign.warehouse.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads what every load needs before it needs it, on a second core while the job's framework starts: DuckDB's native
 * library (70 MB, inflated from the jar and mapped) and the model and SQL files (parsed YAML). On two cores that is
 * most of a second a night's first step would otherwise wait for. Whatever fails here fails again, and is reported,
 * where the load itself needs it.
 */
public final class WarmUp {

    /** Asked for when needed: a command's first call here comes before logback has read its configuration. */
    private static Logger log() {
        return LoggerFactory.getLogger(WarmUp.class);
    }

    private static final List<String> LAYERS = List.of("operations", "macros", "staging", "warehouse",
            "intermediate", "marts", "checks");

    private WarmUp() {
    }

    /** Starts the warm-up on a daemon thread; returns at once. */
    public static void start() {
        inBackground("warm-up", WarmUp::run);
    }

    /**
     * Starts loading DuckDB's native library alone on a daemon thread, for a command that will open a database: its
     * half second then passes beside the parsing of the command line and the reading of the logging configuration.
     * A command that opens one before it is loaded waits for it, as the JVM initialises a class once.
     */
    public static void startLibrary() {
        inBackground("duckdb-library", () -> {
            try {
                // silently: logging is not set up yet (Duck.loadLibrary); a failure recurs where a command opens DuckDB
                Duck.loadLibrary();
            } catch (SQLException | RuntimeException e) {
                // reported by the command's own first connection
            }
        });
    }

    private static void inBackground(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    static void run() {
        long started = System.nanoTime();
        try (Connection memory = Duck.open(null, null)) {
            Models.all();
            LAYERS.forEach(SqlFolder::read);
            log().debug("DuckDB's library and the model files loaded ahead in {} ms",
                    (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            log().debug("loading ahead stopped: {}", e.toString());
        }
    }
}
