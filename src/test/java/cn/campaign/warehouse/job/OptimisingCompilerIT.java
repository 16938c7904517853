package cn.campaign.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directive on this JVM's real compiler: what C2 compiles while it is held back, and after. */
class OptimisingCompilerIT {

    @TempDir
    Path folder;

    @Test
    void whileHeldBackAHotMethodStaysWithTheQuickCompilerAndAfterwardsOneReachesC2() throws Exception {
        OptimisingCompiler.HotSpotDirectives directives = new OptimisingCompiler.HotSpotDirectives();
        try (Recording recording = new Recording()) {
            recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
            recording.start();

            // given C2 held back, when a method runs hot
            directives.pushExcludingOptimisingCompiler();
            try {
                assertThat(OptimisingCompiler.HotSpotDirectives.print()).contains("Exclude:true");
                assertThat(HotWhileHeldBack.run()).isNotZero();
            } finally {
                directives.popLast();
            }
            // and, C2 released, another method as hot
            assertThat(HotAfterRelease.run()).isNotZero();

            recording.stop();
            Path dump = folder.resolve("compilations.jfr");
            recording.dump(dump);

            // then only the quick compiler's levels (1 to 3) compiled the first, and C2 (level 4) the second
            assertThat(levels(dump, HotWhileHeldBack.class)).isNotEmpty().allMatch(level -> level < 4);
            assertThat(levels(dump, HotAfterRelease.class)).contains(4);
        }
    }

    /** The levels each method of the type was compiled at. */
    private static Set<Integer> levels(Path dump, Class<?> type) throws Exception {
        Set<Integer> levels = new TreeSet<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(dump)) {
            if (event.getEventType().getName().equals("jdk.Compilation")) {
                RecordedMethod method = event.getValue("method");
                if (method.getType().getName().equals(type.getName())) {
                    levels.add((int) event.getShort("compileLevel"));
                }
            }
        }
        return levels;
    }

    // Two copies of one method on purpose: the JIT keeps what it decided per method, and a method run while C2 was
    // held back is never compiled by C2 afterwards, so the method run after the release must be another one.
    private static final class HotWhileHeldBack {

        /** Four million calls of a small method: C2 compiles such code within the first tenth of them. */
        static long run() {
            long sink = 0;
            for (int round = 0; round < 2_000; round++) {
                for (int n = 0; n < 2_000; n++) {
                    sink += sum(n);
                }
            }
            return sink;
        }

        static int sum(int n) {
            int sum = 0;
            for (int i = 0; i < 64; i++) {
                sum += (n ^ i) * 31;
            }
            return sum;
        }
    }

    private static final class HotAfterRelease {

        /** Four million calls of a small method: C2 compiles such code within the first tenth of them. */
        static long run() {
            long sink = 0;
            for (int round = 0; round < 2_000; round++) {
                for (int n = 0; n < 2_000; n++) {
                    sink += sum(n);
                }
            }
            return sink;
        }

        static int sum(int n) {
            int sum = 0;
            for (int i = 0; i < 64; i++) {
                sum += (n ^ i) * 31;
            }
            return sum;
        }
    }
}
