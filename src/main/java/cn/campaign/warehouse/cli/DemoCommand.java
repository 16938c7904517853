package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.Models;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.config.OperatorConfig;
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
            System.err.println("demo failed: the load did not complete: " + result.failure());
            return 1;
        }
        WarehouseFolder warehouse = new WarehouseFolder(options.warehouse);
        Path snapshot = new SnapshotPublisher(warehouse, config).publish(FROM.plusDays(DAYS - 1), out, true, false);
        System.out.println();
        System.out.println("warehouse: " + warehouse.catalog());
        System.out.println("snapshot:  " + snapshot);
        // the headline figures of the demo's campaign, from the report view whose model file says it holds them
        String headline = Models.published().stream().filter(model -> model.publish().headline()).findFirst()
                .orElseThrow().name();
        try (Connection connection = Duck.openReadOnly(warehouse.catalog());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select campaign_id, fairs, posts, visits, graduates_served, "
                     + "difficulty_graduates from " + headline + " where campaign_id = '2022-promotion-week'")) {
            ResultPrinter.print(rows, false, System.out);
        }
        System.out.println("Query it: java -jar target/campaign-warehouse.jar sql --warehouse " + warehouse.root()
                + " \"SELECT * FROM " + headline + "\"");
        return 0;
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
