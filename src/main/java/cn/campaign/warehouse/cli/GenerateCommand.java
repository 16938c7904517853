package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.generate.CampaignGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes synthetic deliveries that follow the export contract (scale 1.0 = a national campaign).")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write the archives to")
    Path out;

    @Option(names = "--scale", defaultValue = "0.001",
            description = "share of a national campaign (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--from", defaultValue = "2023-05-01", paramLabel = "DATE",
            description = "first business date (default: ${DEFAULT-VALUE})")
    LocalDate from;

    @Option(names = "--days", defaultValue = "7", description = "number of nights (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--reference", paramLabel = "DIR",
            description = "shared reference data with institutions.csv "
                    + "(default: $SHARED_REFERENCE_DIR, else ../shared/reference)")
    Path reference;

    @Override
    public Integer call() throws Exception {
        int archives = new CampaignGenerator(out, scale, from, days, seed, referenceDir(reference)).generate();
        System.out.println("wrote " + archives + " deliveries to " + out.toAbsolutePath());
        return 0;
    }

    static Path referenceDir(Path option) {
        if (option != null) {
            return option;
        }
        String variable = System.getenv("SHARED_REFERENCE_DIR");
        Path candidate = variable != null ? Path.of(variable) : Path.of("..", "shared", "reference");
        return Files.isDirectory(candidate) ? candidate : null;
    }
}
