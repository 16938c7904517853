package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.job.LoadLauncher;
import cn.campaign.warehouse.job.OptimisingCompiler;
import cn.campaign.warehouse.text.Printable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Loads every inbox file not seen before, then refreshes the warehouse.",
                "Exit 0: all new files loaded or skipped; 2: a file was quarantined (the others are loaded); "
                        + "1: the run failed and nothing of it is visible."})
final class LoadCommand implements Callable<Integer> {

    @Mixin
    WarehouseOptions options;

    @Option(names = "--inbox", paramLabel = "DIR", defaultValue = "inbox",
            description = "folder the regional systems deliver to (default: ${DEFAULT-VALUE})")
    Path inbox;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "file holding the pseudonymisation key (default: $CAMPAIGN_PSEUDONYM_KEY)")
    Path keyFile;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        SeparateFolders.check("inbox", inbox, "warehouse folder", options.warehouse);
        if (main.ownsProcess) {
            OptimisingCompiler.forThisProcess().holdBackForOneLoad();
        }
        return run(options, inbox, PseudonymKey.read(keyFile), System.out, false);
    }

    /** Runs one load; {@code waitForOtherWriter}: see {@link LoadLauncher#LoadLauncher(boolean)}. */
    static int run(WarehouseOptions options, Path inbox, byte[] key, PrintStream out, boolean waitForOtherWriter)
            throws Exception {
        long started = System.nanoTime();
        LoadLauncher.Result result = new LoadLauncher(waitForOtherWriter).load(options.warehouse, options.config(),
                inbox, key, out);
        if (!result.succeeded()) {
            System.err.println("load failed: " + Printable.line(result.failure()));
            System.err.println("Nothing of this run is visible; the warehouse shows the state of the last "
                    + "successful load. Fix the cause and run load again: it redoes the work.");
            return 1;
        }
        if (result.files().isEmpty()) {
            out.println("no new files in " + inbox.toAbsolutePath());
        }
        out.println(LoadSummary.of(result, (System.nanoTime() - started) / 1_000_000_000.0));
        return result.quarantinedAny() ? 2 : 0;
    }
}
