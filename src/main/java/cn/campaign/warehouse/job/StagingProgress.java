package cn.campaign.warehouse.job;

import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.InboxFile;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * How far the staging of the run's files has got: files, records, records per second and the time left (from the
 * bytes staged, since a file's records are known only once it is read). On a terminal, a bar redrawn in place on
 * stderr; in a log, a plain line every few seconds; either way one closing line. Listens to the staging step;
 * its partitions' writers report each file done. Job-scoped: one per run, shared by the partitions' threads.
 */
public class StagingProgress implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StagingProgress.class);
    private static final int BAR = 24;

    private final LongSupplier nanoTime;
    private final PrintStream terminal;
    private final Duration logEvery;
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private volatile long files;
    private volatile long bytes;
    private volatile long started;
    private ScheduledExecutorService ticker;

    /**
     * @param terminal where to draw the bar, or null to log plain lines instead (not a terminal)
     * @param logEvery how often a plain line is logged
     */
    StagingProgress(LongSupplier nanoTime, PrintStream terminal, Duration logEvery) {
        this.nanoTime = nanoTime;
        this.terminal = terminal;
        this.logEvery = logEvery;
    }

    /**
     * Draws on stderr when both ends of this process are a terminal that can redraw a line, and the log on it is
     * text: a bar between JSON events would break them (the command sets {@code warehouse.log.format}).
     */
    static StagingProgress forThisProcess() {
        boolean interactive = System.console() != null && !"dumb".equals(System.getenv("TERM"))
                && !"json".equals(System.getProperty("warehouse.log.format"));
        return new StagingProgress(System::nanoTime, interactive ? System.err : null, Duration.ofSeconds(5));
    }

    void start(List<InboxFile> discovered) {
        files = discovered.size();
        bytes = discovered.stream().mapToLong(InboxFile::size).sum();
        started = nanoTime.getAsLong();
    }

    void done(DeliveryRecord outcome) {
        filesDone.incrementAndGet();
        bytesDone.addAndGet(outcome.fileSize() == null ? 0 : outcome.fileSize());
        if (outcome.records() != null) {
            records.addAndGet(outcome.records());
        }
    }

    /** Clears the bar before a line is printed, so that the line does not land on top of it. */
    void beforeLine() {
        if (terminal != null && ticker != null) {
            terminal.print("\r\033[K");
        }
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        start(LoadContext.discovered(stepExecution.getJobExecution().getExecutionContext()));
        if (files == 0) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "staging-progress");
            thread.setDaemon(true);
            return thread;
        });
        long period = terminal != null ? 250 : logEvery.toMillis();
        ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (ticker != null) {
            ticker.shutdownNow();
            beforeLine();
            ticker = null;
        }
        if (files > 0) {
            log.info(closing());
        }
        return null;
    }

    private void tick() {
        if (terminal != null) {
            terminal.print("\r\033[K" + bar() + "\r");
            terminal.flush();
        } else {
            log.info(line());
        }
    }

    /** The plain line a log gets every few seconds. */
    String line() {
        long done = filesDone.get();
        return String.format(Locale.ROOT, "staging: %,d of %,d files (%d %%), %,d records, %,d records/s%s", done,
                files, percent(), records.get(), perSecond(), left());
    }

    /** The bar a terminal gets, redrawn in place. */
    String bar() {
        int filled = (int) (BAR * share());
        return String.format(Locale.ROOT, "staging [%s%s] %d %% %,d/%,d files %,d records/s%s",
                "#".repeat(filled), " ".repeat(BAR - filled), percent(), filesDone.get(), files, perSecond(), left());
    }

    /** The closing line: what staging did and how fast. */
    String closing() {
        return String.format(Locale.ROOT, "staged %,d file%s, %,d records, in %.1f s (%,d records/s)",
                filesDone.get(), filesDone.get() == 1 ? "" : "s", records.get(), seconds(), perSecond());
    }

    private double share() {
        long total = bytes;
        return total == 0 ? (files == 0 ? 1 : (double) filesDone.get() / files) : (double) bytesDone.get() / total;
    }

    private int percent() {
        return (int) Math.floor(100 * share());
    }

    private double seconds() {
        return (nanoTime.getAsLong() - started) / 1e9;
    }

    private long perSecond() {
        double seconds = seconds();
        return seconds <= 0 ? 0 : Math.round(records.get() / seconds);
    }

    private String left() {
        double share = share();
        if (share <= 0 || share >= 1) {
            return "";
        }
        long remaining = Math.round(seconds() * (1 - share) / share);
        return remaining >= 60 ? ", about " + remaining / 60 + " min " + remaining % 60 + " s left"
                : ", about " + remaining + " s left";
    }
}
