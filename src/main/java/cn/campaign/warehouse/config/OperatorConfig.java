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
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The operator's configuration in {@code jobs/}: source registry, campaign calendar and load settings. */
public final class OperatorConfig {

    private final Map<String, Source> sources;
    private final List<Campaign> campaigns;
    private final Properties settings;
    private final String origin;

    private OperatorConfig(List<Source> sources, List<Campaign> campaigns, Properties settings, String origin) {
        this.sources = sources.stream().collect(Collectors.toMap(Source::sourceId, Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
        this.campaigns = List.copyOf(campaigns);
        this.settings = settings;
        this.origin = origin;
    }

    /** Reads {@code folder}, or the copy built into the jar when {@code folder} is null. */
    public static OperatorConfig load(Path folder) {
        FileOpener opener = folder == null ? OperatorConfig::fromJar
                : name -> Files.newInputStream(folder.resolve(name));
        String origin = folder == null ? "the jobs/ folder built into the jar" : folder.toString();
        try {
            List<Source> sources = rows(opener, "sources.csv", origin).stream()
                    .map(r -> new Source(r[0], r[1], r[2], r.length > 3 && !r[3].isBlank() ? r[3] : null)).toList();
            List<Campaign> campaigns = rows(opener, "campaigns.csv", origin).stream()
                    .map(r -> new Campaign(r[0], r[1], LocalDate.parse(r[2]), LocalDate.parse(r[3]),
                            Integer.parseInt(r[4]))).toList();
            Properties settings = new Properties();
            try (Reader reader = new InputStreamReader(opener.open("load.properties"), StandardCharsets.UTF_8)) {
                settings.load(reader);
            } catch (java.nio.file.NoSuchFileException e) {
                // every setting has a default
            }
            return new OperatorConfig(sources, campaigns, settings, origin);
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

    /** The same configuration with one setting of {@code load.properties} replaced. */
    public OperatorConfig withSetting(String key, String value) {
        Properties changed = new Properties();
        changed.putAll(settings);
        changed.setProperty(key, value);
        return new OperatorConfig(sources(), campaigns, changed, origin);
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
        return java.time.Duration.ofHours(Long.parseLong(settings.getProperty("star.snapshot.retention.hours", "168")));
    }

    /** The share of a star table's rows its delete files may remove before the table is rewritten as one file. */
    public double starCompactionDeletedShare() {
        return Double.parseDouble(settings.getProperty("star.compaction.deleted.share", "0.2"));
    }

    public double maxRejectRate() {
        return Double.parseDouble(settings.getProperty("reject.rate.max", "0.05"));
    }

    /** A longer record (a CSV record with its quoted line breaks, or a JSONL line) is malformed (contract §2). */
    public long maxRecordBytes() {
        return Long.parseLong(settings.getProperty("record.max.bytes", "1048576"));
    }

    public ArchiveLimits archiveLimits() {
        return new ArchiveLimits(Long.parseLong(settings.getProperty("archive.max.bytes", "2147483648")),
                Long.parseLong(settings.getProperty("archive.max.ratio", "200")));
    }

    /** Published distinct-graduate counts from 1 up to this value are left empty (small-cell suppression). */
    public long smallCellMax() {
        return Long.parseLong(settings.getProperty("publish.small.cell.max", "4"));
    }

    public long inboxSettleSeconds() {
        return Long.parseLong(settings.getProperty("inbox.settle.seconds", "60"));
    }

    public String scheduleCron() {
        return settings.getProperty("schedule.cron", "0 30 1 * * *");
    }

    public ZoneId scheduleZone() {
        return ZoneId.of(settings.getProperty("schedule.zone", "Asia/Shanghai"));
    }
}
