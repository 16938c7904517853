package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.Models;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.files.Folders;
import cn.campaign.warehouse.generate.CampaignGenerator;
import cn.campaign.warehouse.generate.DemoContrast;
import cn.campaign.warehouse.job.LoadLauncher;
import cn.campaign.warehouse.publish.SnapshotPublisher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generates a small campaign into a temporary inbox, loads it, publishes it, and prints where "
                + "everything is and a few headline figures.")
final class DemoCommand implements Callable<Integer> {

    private static final LocalDate FROM = LocalDate.of(2022, 5, 9);
    private static final int DAYS = 7;

    @Mixin
    WarehouseOptions options;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "publish", description = "default: ${DEFAULT-VALUE}")
    Path out;

    @Override
    public Integer call() throws Exception {
        SeparateFolders.check("warehouse folder", options.warehouse, "snapshot folder", out);
        Path inbox = Files.createTempDirectory("campaign-demo-inbox");
        int archives = new CampaignGenerator(inbox, 0.002, FROM, DAYS, 2022,
                GenerateCommand.referenceDir(null)).generate();
        DemoContrast.add(inbox, FROM, FROM.plusDays(DAYS - 1));
        System.out.println("generated " + archives + " deliveries (" + FROM + " to " + FROM.plusDays(DAYS - 1)
                + ") in " + inbox);
        byte[] key = demoKey();
        OperatorConfig config = options.config().withSetting("inbox.settle.seconds", "0");
        LoadLauncher.Result result = new LoadLauncher().load(options.warehouse, config, inbox, key, System.out);
        if (!result.succeeded()) {
            Folders.deleteTree(inbox);
            System.err.println("demo failed: the load did not complete: " + result.failure());
            return 1;
        }
        WarehouseFolder warehouse = new WarehouseFolder(options.warehouse.toAbsolutePath());
        Path snapshot = new SnapshotPublisher(warehouse, config).publish(FROM.plusDays(DAYS - 1), out, true, false);
        // what the load needed of the inbox is in the warehouse now; a demo leaves no stray folder behind
        Folders.deleteTree(inbox);
        System.out.println();
        System.out.println("warehouse: " + warehouse.catalog());
        System.out.println("snapshot:  " + snapshot.toAbsolutePath() + " (open report.html or report.xlsx)");
        System.out.println("removed the demo's generated inbox " + inbox + "; `generate --out DIR` writes one to keep");
        // the headline figures of the demo's campaign, from the report view whose model file says it holds them
        String headline = Models.published().stream().filter(model -> model.publish().headline()).findFirst()
                .orElseThrow().name();
        try (Connection connection = Duck.openReadOnly(warehouse.catalog());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select campaign_id, fairs, posts, visits, graduates_served, "
                     + "difficulty_graduates from " + headline + " where campaign_id = '2022-promotion-week'")) {
            ResultPrinter.print(rows, false, System.out);
        }
        String command = "java -jar " + ownJar() + " ";
        String where = " --warehouse " + warehouse.root();
        System.out.println("Next, from any folder:");
        System.out.println("  query it:        " + command + "sql" + where + " \"SELECT * FROM " + headline + "\"");
        System.out.println("  or at a prompt:  " + command + "sql" + where);
        System.out.println("  what was loaded: " + command + "status" + where + " --date " + FROM.plusDays(DAYS - 1));
        System.out.println("  what each column means: " + command + "dictionary (or docs/data-dictionary.md)");
        return 0;
    }

    /** The jar this command runs from, absolute, so that the printed commands work from any folder. */
    private static String ownJar() {
        try {
            Path location = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location.toAbsolutePath().toString()
                    : Path.of("target/campaign-warehouse.jar").toAbsolutePath().toString();
        } catch (java.net.URISyntaxException | SecurityException e) {
            return "campaign-warehouse.jar";
        }
    }

    /** The demo's own key, in a local file it says it created; real loads take the operator's key. */
    private static byte[] demoKey() throws Exception {
        String variable = System.getenv(PseudonymKey.VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return PseudonymKey.read(null);
        }
        Path file = Path.of("demo.key");
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.writeString(file, HexFormat.of().formatHex(random), StandardCharsets.UTF_8);
            System.out.println("created a demo pseudonymisation key in " + file.toAbsolutePath()
                    + " (for real loads set " + PseudonymKey.VARIABLE + ")");
        }
        return PseudonymKey.read(file);
    }
}
