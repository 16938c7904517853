package cn.campaign.warehouse.job;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back HotSpot's optimising compiler (C2) in a process that runs one load, for as long as the load's new files
 * are few. A night at national scale takes half a minute on two cores, most of it in DuckDB's native code, and C2
 * compiled for 14 s of its 55 CPU-seconds, mostly the staging's methods, which then ran for a few seconds: the
 * compiling cost more than the faster code saved (docs/BENCHMARKS.md, session 24: 7 % less time, 4 CPU-seconds fewer,
 * medians of seven replays).
 * A campaign loaded at once stages for minutes, and there C2's code stages twice as fast as the quick compiler's, so
 * the inbox scan releases C2 as soon as the new files it reads pass what two nights bring ({@link #SMALL_LOAD_BYTES}).
 *
 * <p>C2 is held back from the command's start, not from the inbox scan: the start alone (the framework's classes,
 * the generated lambda and method-handle classes, the jar's 36,000 entries) kept C2 busy for 2.3 CPU-seconds before
 * the scan. A method that ran hot while C2 was held back stays with the quick compiler for the life of the process,
 * yet a campaign's load, released at its scan, staged no slower for it (docs/BENCHMARKS.md, session 32).
 *
 * <p>The JDK's SHA-256 and HMAC code is the exception: C2 replaces its inner loop with the processor's SHA
 * instructions, a small compilation that makes every identity number's keyed hash and every file's checksum three to
 * ten times cheaper (500,000 keyed hashes: 0.34 s of CPU instead of 1.14 s, docs/BENCHMARKS.md, session 27).
 *
 * <p>The commands run as {@code java -jar}, which passes no JVM option, so the process sets the policy itself with
 * the JDK's diagnostic command {@code Compiler.directives_add} (what {@code jcmd} sends), through the platform MBean
 * server. A JVM without that command (not HotSpot) keeps its own policy. Only a process that runs one load (or one
 * {@code publish}, {@link #holdBackNow()}) holds C2 back: the {@code schedule} daemon and tests run many in one JVM,
 * where compiled code serves every later load.
 */
public final class OptimisingCompiler {

    private static final Logger log = LoggerFactory.getLogger(OptimisingCompiler.class);

    /** New files beyond this size (two nights at national scale bring 16 MB of archives) release C2. */
    static final long SMALL_LOAD_BYTES = 16L << 20;

    private static final OptimisingCompiler PROCESS = new OptimisingCompiler(new HotSpotDirectives());

    /** The JVM's stack of compiler directives: what this class changes, and a fake in tests. */
    interface Directives {

        /** Gets ready to change the stack, ahead of time; failures show when it is changed. */
        default void prepare() {
        }

        /** Pushes directives that keep every method but the JDK's hashing from C2; they stay at C1's code. */
        void pushExcludingOptimisingCompiler() throws Exception;

        /** Removes the directives {@link #pushExcludingOptimisingCompiler} pushed. */
        void removePushed() throws Exception;
    }

    private final Directives directives;
    private final Executor background;
    private boolean allowed;
    private String until = "until the load finds more than " + (SMALL_LOAD_BYTES >> 20) + " MB of new files";
    private boolean heldBack;
    private boolean released;

    OptimisingCompiler(Directives directives) {
        this(directives, OptimisingCompiler::inBackground);
    }

    /** {@code background} runs the push of {@link #holdBackForOneLoad}: a thread of its own, or the test's hand. */
    OptimisingCompiler(Directives directives, Executor background) {
        this.directives = directives;
        this.background = background;
    }

    /** The policy of this JVM: one per process, as the compiler is. */
    public static OptimisingCompiler forThisProcess() {
        return PROCESS;
    }

    /**
     * Holds C2 back from now on in this process, which runs one load, until its inbox scan finds more new files than
     * a small load brings ({@link #newFilesFound}). Reaching the MBean server takes a tenth of a second: the directive
     * is pushed on a daemon thread while the load starts.
     */
    public void holdBackForOneLoad() {
        synchronized (this) {
            allowed = true;
        }
        background.execute(() -> {
            directives.prepare();
            holdBack();
        });
    }

    /**
     * Holds C2 back for the rest of this process, at once: it publishes one snapshot, whose Java work (the workbook,
     * the page) is seconds long. Measured (session 24): 4.65–5.40 s instead of 5.01–5.71 s, and 6.5 CPU-seconds
     * instead of 9.7. Queries and the status gained nothing measurable, so they keep the JVM's policy.
     */
    public synchronized void holdBackNow() {
        allowed = true;
        until = "while the snapshot is written";
        holdBack();
    }

    private static void inBackground(Runnable work) {
        Thread thread = new Thread(work, "compiler-policy");
        thread.setDaemon(true);
        thread.start();
    }

    /** Holds C2 back from now on, when this process may and its load has not released it already. */
    private synchronized void holdBack() {
        if (!allowed || heldBack || released) {
            return;
        }
        try {
            directives.pushExcludingOptimisingCompiler();
            heldBack = true;
            log.debug("the optimising compiler (C2) is held back {}", until);
        } catch (Exception e) {
            log.debug("the JVM's compiler policy is left as it is: {}", e.toString());
        }
    }

    /**
     * The bytes of new files the inbox scan has found so far: more than a small load brings release C2 for the rest
     * of the process.
     */
    public synchronized void newFilesFound(long bytes) {
        if (bytes <= SMALL_LOAD_BYTES || released) {
            return;
        }
        released = true;
        if (!heldBack) {
            return;
        }
        try {
            directives.removePushed();
            heldBack = false;
            log.debug("the optimising compiler (C2) is released: the new files pass {} MB, and stage faster with its "
                    + "code", SMALL_LOAD_BYTES >> 20);
        } catch (Exception e) {
            log.warn("the optimising compiler could not be released ({}); the load goes on, more slowly", e.toString());
        }
    }

    synchronized boolean isHeldBack() {
        return heldBack;
    }

    /** HotSpot's directives stack, reached as {@code jcmd} reaches it. */
    static final class HotSpotDirectives implements Directives {

        /**
         * Matched from the first: C2 for the JDK's SHA-2 digests and HMAC (whose compression loop it turns into the
         * processor's SHA instructions), and for nothing else.
         */
        private static final List<String> C2_FOR_HASHING_ONLY = List.of(
                "{match: [\"sun/security/provider/*.*\", \"com/sun/crypto/provider/*.*\"], c2: {Exclude: false}}",
                "{match: \"*.*\", c2: {Exclude: true}}");
        /**
         * A process killed before removing its file leaves it; the next command removes it with the native library
         * copies ({@code catalog.ExtractedNativeLibrary}, whose pattern names it).
         */
        private static final String FILE_PREFIX = "campaign-warehouse-compiler-";

        @Override
        public void prepare() {
            try {
                ManagementFactory.getPlatformMBeanServer();
            } catch (RuntimeException e) {
                log.debug("the platform MBean server is not there: {}", e.toString());
            }
        }

        @Override
        public void pushExcludingOptimisingCompiler() throws Exception {
            // the command reads its directives from a file only
            Path file = Files.createTempFile(FILE_PREFIX, ".json");
            try {
                Files.writeString(file, "[" + String.join(", ", C2_FOR_HASHING_ONLY) + "]");
                String answer = invoke("compilerDirectivesAdd", file.toString());
                if (!answer.contains(C2_FOR_HASHING_ONLY.size() + " compiler directives added")) {
                    throw new IllegalStateException("Compiler.directives_add answered: " + answer.strip());
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }

        @Override
        public void removePushed() throws Exception {
            // each removal pops the directive on top of the stack
            for (int i = 0; i < C2_FOR_HASHING_ONLY.size(); i++) {
                invoke("compilerDirectivesRemove");
            }
        }

        /** The directives in force, as {@code jcmd PID Compiler.directives_print} prints them. */
        static String print() throws JMException {
            return invoke("compilerDirectivesPrint");
        }

        private static String invoke(String command, String... arguments) throws JMException {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object answer = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), command,
                    new Object[] {arguments.length == 0 ? null : arguments}, new String[] {String[].class.getName()});
            return String.valueOf(answer);
        }
    }
}
