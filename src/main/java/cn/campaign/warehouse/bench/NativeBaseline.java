package cn.campaign.warehouse.bench;

import cn.campaign.warehouse.files.Folders;
import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.validate.Entity;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The benchmark's yardstick: DuckDB's own CSV reader copying every entity file of the inbox to Parquet, validating
 * nothing. The archives are expanded first (not timed: DuckDB cannot read inside them).
 */
public final class NativeBaseline {

    /**
     * What the baseline did: rows copied, the seconds the copies took and the CPU-seconds the process used in them
     * (DuckDB's threads included), and the seconds the expansion before them took.
     */
    public record Result(long rows, double seconds, double cpuSeconds, double expandSeconds) {
    }

    private NativeBaseline() {
    }

    public static Result run(Path inbox, Path work) throws Exception {
        long started = System.nanoTime();
        Path csv = work.resolve("csv");
        Folders.deleteTree(work);
        Files.createDirectories(csv);
        List<Path> archives;
        try (Stream<Path> files = Files.list(inbox)) {
            archives = files.filter(f -> f.getFileName().toString().endsWith(".zip")).sorted().toList();
        }
        for (Path archive : archives) {
            Path folder = Files.createDirectories(csv.resolve(archive.getFileName().toString().replace(".zip", "")));
            try (InputStream in = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(in)) {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    if (entry.getName().endsWith(".csv")) {
                        Files.copy(zip, folder.resolve(entry.getName()));
                    }
                }
            }
        }
        double expand = (System.nanoTime() - started) / 1e9;
        long copyStarted = System.nanoTime();
        long cpuStarted = processCpuNanos();
        long rows = 0;
        Path parquet = Files.createDirectories(work.resolve("parquet"));
        // DuckDB's defaults (no memory limit), all cores: the native path at its best
        try (Connection connection = Duck.open(null, null); Statement statement = connection.createStatement()) {
            for (Entity entity : Entity.values()) {
                String files = csv.resolve("*").resolve(entity.plural() + ".csv").toString();
                boolean any;
                try (Stream<Path> found = Files.list(csv)) {
                    any = found.anyMatch(folder -> Files.exists(folder.resolve(entity.plural() + ".csv")));
                }
                if (!any) {
                    continue;
                }
                Path target = parquet.resolve(entity.plural() + ".parquet");
                statement.execute("copy (select * from read_csv('" + Duck.literal(files) + "', header = true)) to '"
                        + Duck.literal(target.toString())
                        + "' (format parquet, compression zstd)");
                try (ResultSet count = statement.executeQuery("select count(*) from read_parquet('"
                        + Duck.literal(target.toString()) + "')")) {
                    count.next();
                    rows += count.getLong(1);
                }
            }
        }
        return new Result(rows, (System.nanoTime() - copyStarted) / 1e9, (processCpuNanos() - cpuStarted) / 1e9,
                expand);
    }

    /**
     * The CPU time of the whole process, every thread's, DuckDB's native ones too: on two cores a load's seconds
     * can be compared with the baseline's only together with the CPU each used.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
