package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.job.OptimisingCompiler;
import cn.campaign.warehouse.publish.SnapshotPublisher;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Writes the report snapshot as of DATE: one CSV per report view, a manifest.json, "
                + "report.html and report.xlsx.", "Exit 0: published; 1: not published (the reason is printed)."})
final class PublishCommand implements Callable<Integer> {

    @Mixin
    WarehouseOptions options;

    @Option(names = "--as-of", required = true, paramLabel = "DATE",
            description = "the business date the snapshot reflects")
    LocalDate asOf;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "publish", description = "default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--force", description = "overwrite a snapshot that already exists")
    boolean force;

    @Option(names = "--beyond-loaded", description = "publish a DATE later than the latest business date loaded "
            + "(refused otherwise: the days after it would show as days without activity)")
    boolean beyondLoaded;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        SeparateFolders.check("warehouse folder", options.warehouse, "snapshot folder", out);
        if (main.ownsProcess) {
            OptimisingCompiler.forThisProcess().holdBackNow();
        }
        Path folder = new SnapshotPublisher(new WarehouseFolder(options.warehouse), options.config())
                .publish(asOf, out, force, beyondLoaded);
        System.out.println("published " + folder);
        return 0;
    }
}
