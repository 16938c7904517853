package cn.campaign.warehouse.job;

import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.model.Pseudonymizer;
import cn.campaign.warehouse.shared.SharedCatalog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What one {@code load} is given, fixed for the run. Not job parameters: the key must never reach the job
 * repository, and the operator's configuration and console are not values a repository keeps. What the steps
 * find and hand on travels in the job's and steps' execution contexts ({@link LoadContext}).
 */
public record LoadSettings(WarehouseFolder warehouse, OperatorConfig config, Path inbox, Pseudonymizer pseudonymizer,
                           PrintStream out) {

    /** The PostgreSQL database shared with other machines and engines, when the settings name one. */
    public Optional<SharedCatalog> sharedCatalog() {
        return config.sharedCatalog().map(SharedCatalog::new);
    }
}
