package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.config.OperatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;
import org.springframework.scheduling.support.CronExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Stays up and runs load on a cron schedule (default from jobs/load.properties: nightly 01:30 "
                + "Asia/Shanghai). Runs until stopped. With a shared catalog, a run that finds another machine "
                + "loading waits for it, then loads what is left.")
final class ScheduleCommand implements Callable<Integer> {

    @Mixin
    WarehouseOptions options;

    @Option(names = "--cron", paramLabel = "EXPR",
            description = "Spring cron: second minute hour day-of-month month day-of-week, e.g. '0 30 1 * * *'")
    String cron;

    @Option(names = "--inbox", paramLabel = "DIR", defaultValue = "inbox", description = "default: ${DEFAULT-VALUE}")
    Path inbox;

    @Option(names = "--key-file", paramLabel = "FILE", description = "default: $CAMPAIGN_PSEUDONYM_KEY")
    Path keyFile;

    @Override
    public Integer call() throws Exception {
        SeparateFolders.check("inbox", inbox, "warehouse folder", options.warehouse);
        OperatorConfig config = options.config();
        CronExpression expression = CronExpression.parse(cron != null ? cron : config.scheduleCron());
        byte[] key = PseudonymKey.read(keyFile);
        while (true) {
            ZonedDateTime now = ZonedDateTime.now(config.scheduleZone());
            ZonedDateTime next = expression.next(now);
            System.out.println("next load at " + next);
            Thread.sleep(Math.max(0, Duration.between(now, next).toMillis()));
            try {
                // a standby scheduled like its primary waits for the primary's load, then finds nothing left to do
                int status = LoadCommand.run(options, inbox, key, System.out, true);
                System.out.println("load finished with exit status " + status);
            } catch (Exception e) {
                System.err.println("load failed: " + e.getMessage() + "; the next scheduled run will try again");
            }
        }
    }
}
