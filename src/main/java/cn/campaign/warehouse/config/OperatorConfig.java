package cn.campaign.warehouse.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The operator's configuration in {@code jobs/}: source registry, campaign calendar and load settings. */
public final class OperatorConfig {

    /** Every key of {@code load.properties}; the getters below give their defaults. */
    static final List<String> KEYS = List.of("reject.rate.max", "archive.max.bytes", "archive.max.ratio",
            "record.max.bytes", "inbox.settle.seconds", "schedule.cron", "schedule.zone", "publish.small.cell.max",
            "star.snapshot.retention.hours", "star.compaction.deleted.share", "star.compaction.data.files",
            "load.rebuild.share", "load.rebuild.bucket.records",
            "status.deadline",
            "status.warn.after.minutes", "status.error.after.minutes", "shared.catalog.url", "shared.catalog.user",
            "shared.catalog.password", "sql.memory.limit");
    /** Variables with the prefix that are not settings of load.properties. */
    private static final List<String> OTHER_VARIABLES = List.of("CAMPAIGN_PSEUDONYM_KEY", "CAMPAIGN_LOG_LEVEL",
            "CAMPAIGN_LOG_FORMAT");

    /** An amount of memory as DuckDB reads one: a number and a unit. */
    private static final Pattern MEMORY_AMOUNT =
            Pattern.compile("(?i)([0-9]+(?:\\.[0-9]+)?)\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)");

    private final Map<String, Source> sources;
    private final List<Campaign> campaigns;
    private final Properties file;
    private final Map<String, String> environment;
    private final Properties systemProperties;
    private final Map<String, String> overrides;
    private final LoadSettingSources settings;
    private final String origin;

    private OperatorConfig(List<Source> sources, List<Campaign> campaigns, Properties file,
                           Map<String, String> environment, Properties systemProperties, Map<String, String> overrides,
                           String origin) {
        this.sources = sources.stream().collect(Collectors.toMap(Source::sourceId, Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
        this.campaigns = List.copyOf(campaigns);
        this.file = file;
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.overrides = Map.copyOf(overrides);
        this.settings = LoadSettingSources.of(environment, systemProperties, file, origin + "/load.properties",
                this.overrides);
        this.origin = origin;
    }

    /**
     * Reads {@code folder}, or the copy built into the jar when {@code folder} is null; this process's environment
     * variables and system properties override the keys of {@code load.properties}.
     */
    public static OperatorConfig load(Path folder) {
        return load(folder, System.getenv(), System.getProperties());
    }

    /** Reads {@code folder} with the given environment and system properties overriding load.properties. */
    public static OperatorConfig load(Path folder, Map<String, String> environment, Properties systemProperties) {
        FileOpener opener = folder == null ? OperatorConfig::fromJar
                : name -> Files.newInputStream(folder.resolve(name));
        String origin = folder == null ? "the jobs/ folder built into the jar" : folder.toString();
        try {
            List<Source> sources = rows(opener, "sources.csv", origin).stream()
                    .map(r -> new Source(r[0], r[1], r[2], column(r, 3), minutes(r, 4, "warn_after_minutes"),
                            minutes(r, 5, "error_after_minutes"))).toList();
            List<Campaign> campaigns = rows(opener, "campaigns.csv", origin).stream()
                    .map(r -> new Campaign(r[0], r[1], LocalDate.parse(r[2]), LocalDate.parse(r[3]),
                            Integer.parseInt(r[4]))).toList();
            Properties settings = new Properties();
            try (Reader reader = new InputStreamReader(opener.open("load.properties"), StandardCharsets.UTF_8)) {
                settings.load(reader);
            } catch (java.nio.file.NoSuchFileException e) {
                // every setting has a default
            }
            return new OperatorConfig(sources, campaigns, settings, environment, systemProperties, Map.of(), origin);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operator configuration in " + origin + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the operator configuration in " + origin + " is not valid: "
                    + e.getMessage(), e);
        }
    }

    /** {@code --jobs DIR} when given, else {@code ./jobs} when it exists, else the jar's copy. */
    public static OperatorConfig resolve(Path jobsOption) {
        if (jobsOption != null) {
            return load(jobsOption);
        }
        Path local = Path.of("jobs");
        return Files.isRegularFile(local.resolve("sources.csv")) ? load(local) : load(null);
    }

    private static String column(String[] row, int index) {
        return row.length > index && !row[index].isBlank() ? row[index].strip() : null;
    }

    private static Long minutes(String[] row, int index, String name) {
        String text = column(row, index);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sources.csv gives " + row[0] + " the " + name + " '" + text
                    + "', which is not a whole number of minutes");
        }
    }

    private interface FileOpener {
        InputStream open(String name) throws IOException;
    }

    private static InputStream fromJar(String name) throws IOException {
        InputStream in = OperatorConfig.class.getResourceAsStream("/jobs/" + name);
        if (in == null) {
            throw new java.nio.file.NoSuchFileException("jobs/" + name);
        }
        return in;
    }

    private static List<String[]> rows(FileOpener opener, String name, String origin) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = opener.open(name)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    rows.add(lines[i].split(",", -1));
                }
            }
        }
        return rows;
    }

    /** The same configuration with one setting of {@code load.properties} given by the command, over any other. */
    public OperatorConfig withSetting(String key, String value) {
        Map<String, String> changed = new java.util.HashMap<>(overrides);
        changed.put(key, value);
        return new OperatorConfig(sources(), campaigns, file, environment, systemProperties, changed, origin);
    }

    public String origin() {
        return origin;
    }

    public boolean isRegistered(String sourceId) {
        return sources.containsKey(sourceId);
    }

    public List<Source> sources() {
        return List.copyOf(sources.values());
    }

    public List<Campaign> campaigns() {
        return campaigns;
    }

    /** How long a snapshot of the star's Iceberg tables stays readable after a later load replaced it. */
    public java.time.Duration starSnapshotRetention() {
        return java.time.Duration.ofHours(wholeNumber("star.snapshot.retention.hours", 168));
    }

    /** The share of a star table's rows its delete files may remove before the table is rewritten as one file. */
    public double starCompactionDeletedShare() {
        return number("star.compaction.deleted.share", 0.2);
    }

    /** The number of data files a star table may hold before it is rewritten as one file. */
    public int starCompactionDataFiles() {
        return (int) Math.min(atLeastOne("star.compaction.data.files", 50, "files"), Integer.MAX_VALUE);
    }

    /**
     * The share of a kept table's rows whose identities a load may recompute one by one: a load touching more
     * rebuilds the table whole, which costs less when most of it changes (a back-filled campaign, a roster re-sent
     * whole).
     */
    public double loadRebuildShare() {
        return number("load.rebuild.share", 0.5);
    }

    /**
     * The most kept records a whole rebuild of a table reads at once: more are rebuilt in buckets of identities,
     * each within DuckDB's memory.
     */
    public long loadRebuildBucketRecords() {
        return atLeastOne("load.rebuild.bucket.records", 4_000_000, "records");
    }

    private long atLeastOne(String key, long fallback, String unit) {
        long value = wholeNumber(key, fallback);
        if (value < 1) {
            throw new IllegalArgumentException("the setting " + key + " is " + value + ", which is not a number of "
                    + unit + " of at least 1");
        }
        return value;
    }

    public double maxRejectRate() {
        return number("reject.rate.max", 0.05);
    }

    /** A longer record (a CSV record with its quoted line breaks, or a JSONL line) is malformed (contract §2). */
    public long maxRecordBytes() {
        return wholeNumber("record.max.bytes", 1_048_576);
    }

    public ArchiveLimits archiveLimits() {
        return new ArchiveLimits(wholeNumber("archive.max.bytes", 2_147_483_648L),
                wholeNumber("archive.max.ratio", 200));
    }

    /** Published distinct-graduate counts from 1 up to this value are left empty (small-cell suppression). */
    public long smallCellMax() {
        return wholeNumber("publish.small.cell.max", 4);
    }

    public long inboxSettleSeconds() {
        return wholeNumber("inbox.settle.seconds", 60);
    }

    public String scheduleCron() {
        return text("schedule.cron", "0 30 1 * * *");
    }

    /**
     * When a source's delivery for a business date is due: this time, in {@link #scheduleZone()}, on the day after
     * that date (the day the 17:00 report about it is made).
     */
    public java.time.LocalTime statusDeadline() {
        String text = text("status.deadline", "17:00");
        try {
            return java.time.LocalTime.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("the setting status.deadline is '" + text + "', which is not a time of "
                    + "day such as 17:00");
        }
    }

    /** How long after the deadline a missing delivery of {@code source} is a warning. */
    public java.time.Duration warnAfter(Source source) {
        return java.time.Duration.ofMinutes(source.warnAfterMinutes() != null ? source.warnAfterMinutes()
                : wholeNumber("status.warn.after.minutes", 0));
    }

    /** How long after the deadline a missing delivery of {@code source} is an error. */
    public java.time.Duration errorAfter(Source source) {
        return java.time.Duration.ofMinutes(source.errorAfterMinutes() != null ? source.errorAfterMinutes()
                : wholeNumber("status.error.after.minutes", 1440));
    }

    /**
     * The PostgreSQL database that holds the shared Iceberg catalog and the job history, when one is set: the nightly
     * load publishes each committed state's table pointers there for Spark, Trino and a standby machine.
     */
    public Optional<SharedCatalogAddress> sharedCatalog() {
        String url = text("shared.catalog.url", "").strip();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            // named without its parameters, where a password may be written
            throw new IllegalArgumentException("the setting shared.catalog.url is '"
                    + new SharedCatalogAddress(url, "", "") + "', which is not a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://db.example:5432/campaign");
        }
        return Optional.of(new SharedCatalogAddress(url, text("shared.catalog.user", ""),
                text("shared.catalog.password", "")));
    }

    /**
     * The most memory one {@code sql} session may use, in DuckDB's words (8GB, 512MB); empty for DuckDB's default,
     * 80 % of the machine's. A session never spills to disk (it writes no file), so a query needing more fails.
     */
    public Optional<String> sqlMemoryLimit() {
        Optional<LoadSettingSources.Value> limit = settings.find("sql.memory.limit")
                .filter(value -> !value.text().isEmpty());
        if (limit.isPresent() && !memoryAboveZero(limit.get().text())) {
            throw limit.get().invalid("an amount of memory above zero, such as 8GB or 512MB");
        }
        return limit.map(LoadSettingSources.Value::text);
    }

    private static boolean memoryAboveZero(String text) {
        Matcher amount = MEMORY_AMOUNT.matcher(text);
        return amount.matches() && Double.parseDouble(amount.group(1)) > 0;
    }

    public ZoneId scheduleZone() {
        return ZoneId.of(text("schedule.zone", "Asia/Shanghai"));
    }

    private long wholeNumber(String key, long fallback) {
        return settings.find(key).map(LoadSettingSources.Value::asWholeNumber).orElse(fallback);
    }

    private double number(String key, double fallback) {
        return settings.find(key).map(LoadSettingSources.Value::asNumber).orElse(fallback);
    }

    private String text(String key, String fallback) {
        return settings.find(key).map(LoadSettingSources.Value::text).orElse(fallback);
    }

    /**
     * A sentence for each {@code CAMPAIGN_*} variable, {@code -Dcampaign.*} property or key of load.properties that
     * is no setting: a mistyped override would otherwise be ignored without a word.
     */
    public List<String> unknownSettings() {
        List<String> unknown = new ArrayList<>();
        environment.keySet().stream().sorted()
                .filter(name -> name.startsWith("CAMPAIGN_") && !OTHER_VARIABLES.contains(name))
                .filter(name -> KEYS.stream().noneMatch(key -> variableOf(key).equals(name)))
                .forEach(name -> unknown.add(notASetting("the environment variable " + name, name,
                        KEYS.stream().map(OperatorConfig::variableOf).toList())));
        systemProperties.stringPropertyNames().stream().sorted()
                .filter(name -> name.startsWith(LoadSettingSources.PREFIX)
                        && !KEYS.contains(name.substring(LoadSettingSources.PREFIX.length())))
                .forEach(name -> unknown.add(notASetting("the system property -D" + name, name,
                        KEYS.stream().map(key -> LoadSettingSources.PREFIX + key).toList())));
        file.stringPropertyNames().stream().sorted().filter(key -> !KEYS.contains(key))
                .forEach(key -> unknown.add(notASetting("the key " + key + " in " + origin + "/load.properties", key,
                        KEYS)));
        return unknown;
    }

    private static String variableOf(String key) {
        return (LoadSettingSources.PREFIX + key).toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    private static String notASetting(String what, String name, List<String> candidates) {
        LevenshteinDistance distance = new LevenshteinDistance(Math.max(3, name.length() / 2));
        String closest = candidates.stream()
                .filter(candidate -> distance.apply(name, candidate) >= 0)
                .min(java.util.Comparator.comparingInt(candidate -> distance.apply(name, candidate)))
                .orElse(null);
        return what + " is not a setting of the load" + (closest == null ? "" : " (did you mean " + closest + "?)")
                + "; it is ignored";
    }
}
