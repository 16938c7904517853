package cn.campaign.warehouse.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables and views the loader's own code writes or reads, by what each is for. Which table plays a role is said
 * by its model file ({@code role: ledger} in the ledger's file under {@code sql/operations/}), so no Java class names
 * one.
 */
public enum LoaderTable {

    /** Every inbox file seen and what became of it, as the loader keeps it. */
    LEDGER,
    /** The ledger as analysts read it, published with the star schema. */
    PUBLISHED_LEDGER,
    /** The deliveries a build reflects: the highest accepted sequence of each source and business date. */
    EFFECTIVE,
    /** Every rejected record, with its file, line, field and reason. */
    REJECTS,
    /** The one row describing a built state: its as-of date, version and deliveries. */
    STATE,
    /** The statements a state was built with, which decide whether a load may continue it. */
    BUILT_WITH,
    /** The GB/T 2260 provinces of the reference data. */
    PROVINCES,
    /** The source registry of {@code jobs/sources.csv}. */
    SOURCES,
    /** The campaign calendar of {@code jobs/campaigns.csv}. */
    CAMPAIGNS,
    /** Where Iceberg's JDBC catalog keeps each star table's current metadata file. */
    ICEBERG_POINTERS;

    private static final Map<LoaderTable, String> NAMES = new ConcurrentHashMap<>();

    /** The name of the one model whose file declares this role. */
    public String table() {
        return NAMES.computeIfAbsent(this, role -> {
            String wanted = role.name().toLowerCase(Locale.ROOT);
            List<String> models = Models.all().stream().filter(model -> wanted.equals(model.role()))
                    .map(Model::name).toList();
            if (models.size() != 1) {
                throw new IllegalStateException("exactly one model file under sql/ must declare 'role: " + wanted
                        + "'; found " + (models.isEmpty() ? "none" : String.join(", ", models)));
            }
            return models.get(0);
        });
    }
}
