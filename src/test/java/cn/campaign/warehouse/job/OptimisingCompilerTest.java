package cn.campaign.warehouse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimisingCompilerTest {

    /** A directives stack that records what was done to it, and refuses when told to (not HotSpot). */
    private static final class RecordedDirectives implements OptimisingCompiler.Directives {

        final List<String> calls = new ArrayList<>();
        boolean refuse;

        @Override
        public void pushExcludingOptimisingCompiler() {
            if (refuse) {
                throw new UnsupportedOperationException("no diagnostic command here");
            }
            calls.add("push");
        }

        @Override
        public void removePushed() {
            calls.add("remove");
        }
    }

    private final RecordedDirectives directives = new RecordedDirectives();
    /** The work the compiler hands to its background thread, run when the test says. */
    private final List<Runnable> background = new ArrayList<>();
    private final OptimisingCompiler compiler = new OptimisingCompiler(directives, background::add);

    private void backgroundRuns() {
        background.forEach(Runnable::run);
        background.clear();
    }

    @Test
    void aLoadHoldsItBackFromItsStartBeforeItsInboxIsScanned() {
        // when a process that runs one load starts, and its background work runs
        compiler.holdBackForOneLoad();
        backgroundRuns();

        // then C2 is held back before any scan
        assertThat(compiler.isHeldBack()).isTrue();
        assertThat(directives.calls).containsExactly("push");
    }

    @Test
    void aNightsNewFilesKeepTheOptimisingCompilerHeldBack() {
        // given a load that holds C2 back
        compiler.holdBackForOneLoad();
        backgroundRuns();

        // when its inbox scan finds one night's files (8 MB at national scale)
        compiler.newFilesFound(8L << 20);

        // then C2 stays held back
        assertThat(compiler.isHeldBack()).isTrue();
        assertThat(directives.calls).containsExactly("push");
    }

    @Test
    void aCampaignsNewFilesReleaseTheOptimisingCompilerOnce() {
        // given a load that holds C2 back
        compiler.holdBackForOneLoad();
        backgroundRuns();

        // when its scan finds more than a small load brings, and is told so twice
        compiler.newFilesFound(OptimisingCompiler.SMALL_LOAD_BYTES + 1);
        compiler.newFilesFound(OptimisingCompiler.SMALL_LOAD_BYTES + 1);

        // then the directives it pushed are removed once, and nothing else of the stack
        assertThat(compiler.isHeldBack()).isFalse();
        assertThat(directives.calls).containsExactly("push", "remove");
    }

    @Test
    void aScanThatFindsACampaignBeforeTheHoldBackIsPushedKeepsC2Released() {
        // given a load whose scan found a campaign before its background thread reached the compiler
        compiler.holdBackForOneLoad();
        compiler.newFilesFound(OptimisingCompiler.SMALL_LOAD_BYTES * 50);

        // when that thread gets to it
        backgroundRuns();

        // then C2 was never held back
        assertThat(compiler.isHeldBack()).isFalse();
        assertThat(directives.calls).isEmpty();
    }

    @Test
    void aSnapshotsProcessHoldsItBackAtOnce() {
        // when a publish holds C2 back
        compiler.holdBackNow();

        // then the directive is pushed before the call returns
        assertThat(compiler.isHeldBack()).isTrue();
        assertThat(directives.calls).containsExactly("push");
    }

    @Test
    void aProcessThatRunsManyLoadsNeverHoldsItBack() {
        // given a process not allowed to (the schedule daemon, a test's JVM)
        // when a load's scan finds one night
        compiler.newFilesFound(8L << 20);

        // then the directives are left alone
        assertThat(compiler.isHeldBack()).isFalse();
        assertThat(directives.calls).isEmpty();
    }

    @Test
    void aJvmWithoutTheDiagnosticCommandKeepsItsOwnPolicy() {
        // given a JVM that refuses the directive
        directives.refuse = true;

        // when a load holds C2 back, then finds a campaign
        compiler.holdBackForOneLoad();
        backgroundRuns();
        compiler.newFilesFound(OptimisingCompiler.SMALL_LOAD_BYTES * 50);

        // then nothing was pushed and nothing is removed
        assertThat(compiler.isHeldBack()).isFalse();
        assertThat(directives.calls).isEmpty();
    }
}
