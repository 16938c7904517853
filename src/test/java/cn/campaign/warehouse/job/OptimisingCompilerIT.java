package cn.campaign.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

            // given C2 held back, when a method runs hot, and so does the JDK's keyed hash
            directives.pushExcludingOptimisingCompiler();
            try {
                assertThat(OptimisingCompiler.HotSpotDirectives.print()).contains("Exclude:true");
                assertThat(HotWhileHeldBack.run()).isNotZero();
                assertThat(keyedHashes()).isNotZero();
            } finally {
                directives.removePushed();
            }
            assertThat(OptimisingCompiler.HotSpotDirectives.print()).doesNotContain("Exclude:true", "sun/security");
            // and, C2 released, another method as hot
            assertThat(HotAfterRelease.run()).isNotZero();

            recording.stop();
            Path dump = folder.resolve("compilations.jfr");
            recording.dump(dump);

            // then only the quick compiler's levels (1 to 3) compiled the first, and C2 (level 4) the second; the
            // SHA-256 code reached C2 while it was held back (its inner loop becomes the processor's SHA instructions)
            assertThat(levels(dump, HotWhileHeldBack.class)).isNotEmpty().allMatch(level -> level < 4);
            assertThat(levels(dump, HotAfterRelease.class)).contains(4);
            assertThat(levels(dump, "sun.security.provider.SHA2")).contains(4);
        }
    }

    /** Two hundred thousand HMAC-SHA256 of short texts, as the staging pseudonymises identity numbers. */
    private static long keyedHashes() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        long sink = 0;
        for (int n = 0; n < 200_000; n++) {
            sink += mac.doFinal(("11010119900307" + n).getBytes(StandardCharsets.US_ASCII)).length;
        }
        return sink;
    }

    /** The levels each method of the type was compiled at. */
    private static Set<Integer> levels(Path dump, Class<?> type) throws Exception {
        return levels(dump, type.getName());
    }

    private static Set<Integer> levels(Path dump, String typeName) throws Exception {
        Set<Integer> levels = new TreeSet<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(dump)) {
            if (event.getEventType().getName().equals("jdk.Compilation")) {
                RecordedMethod method = event.getValue("method");
                if (method.getType().getName().equals(typeName)) {
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
