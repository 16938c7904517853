package cn.campaign.warehouse.catalog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables and views the loader's own code writes or reads, by what each is for. Which table plays a role is said
 * by its model file ({@code role: ledger} in the ledger's file under {@code sql/operations/}), so no Java class names
 * one.
 */
public final class LoaderTables {

    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    private LoaderTables() {
    }

    /** Every inbox file seen and what became of it, as the loader keeps it. */
    public static String ledger() {
        return named("ledger");
    }

    /** The ledger as analysts read it, published with the star schema. */
    public static String publishedLedger() {
        return named("published_ledger");
    }

    /** The deliveries a build reflects: the highest accepted sequence of each source and business date. */
    public static String effectiveDeliveries() {
        return named("effective");
    }

    /** Every rejected record, with its file, line, field and reason. */
    public static String rejects() {
        return named("rejects");
    }

    /** The one row describing a built state: its as-of date, version and deliveries. */
    public static String state() {
        return named("state");
    }

    /** The statements a state was built with, which decide whether a load may continue it. */
    public static String buildStatements() {
        return named("built_with");
    }

    /** The GB/T 2260 provinces of the reference data. */
    public static String provinces() {
        return named("provinces");
    }

    /** The source registry of {@code jobs/sources.csv}. */
    public static String sources() {
        return named("sources");
    }

    /** The campaign calendar of {@code jobs/campaigns.csv}. */
    public static String campaigns() {
        return named("campaigns");
    }

    /** Where Iceberg's JDBC catalog keeps each star table's current metadata file. */
    public static String icebergPointers() {
        return named("iceberg_pointers");
    }

    /** The name of the one model whose file declares the role. */
    static String named(String role) {
        return NAMES.computeIfAbsent(role, wanted -> {
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
