package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.config.OperatorConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The options every command takes. */
@Command(footer = {"", "Settings: every key of jobs/load.properties can be overridden by an environment variable "
        + "named CAMPAIGN_ and the key in capitals with '_' for '.' (CAMPAIGN_INBOX_SETTLE_SECONDS=0), or by a "
        + "system property (java -Dcampaign.inbox.settle.seconds=0 -jar ...); the system property wins over the "
        + "variable, the variable over the file. A name that is no setting is reported, never silently ignored."})
final class WarehouseOptions {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseOptions.class);

    @Option(names = "--warehouse", paramLabel = "DIR", description = "the warehouse folder (default: ${DEFAULT-VALUE})",
            defaultValue = "warehouse")
    Path warehouse;

    @Option(names = "--jobs", paramLabel = "DIR",
            description = "operator configuration (default: ./jobs when it exists, else the copy in the jar)")
    Path jobs;

    OperatorConfig config() {
        OperatorConfig config = OperatorConfig.resolve(jobs);
        config.unknownSettings().forEach(LOG::warn);
        return config;
    }
}
