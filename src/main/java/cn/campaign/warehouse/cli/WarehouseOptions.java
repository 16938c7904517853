package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.config.OperatorConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes. */
final class WarehouseOptions {

    @Option(names = "--warehouse", paramLabel = "DIR", description = "the warehouse folder (default: ${DEFAULT-VALUE})",
            defaultValue = "warehouse")
    Path warehouse;

    @Option(names = "--jobs", paramLabel = "DIR",
            description = "operator configuration (default: ./jobs when it exists, else the copy in the jar)")
    Path jobs;

    OperatorConfig config() {
        return OperatorConfig.resolve(jobs);
    }
}
