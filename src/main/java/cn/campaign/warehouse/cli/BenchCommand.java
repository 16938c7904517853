package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.bench.NativeBaseline;
import cn.campaign.warehouse.bench.ViewTimer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The measuring steps that bench/run.sh times in their own processes; each prints key=value lines. */
@Command(name = "bench", mixinStandardHelpOptions = true, hidden = true,
        description = "Benchmark helpers used by bench/run.sh.",
        subcommands = {BenchCommand.Native.class, BenchCommand.Views.class})
final class BenchCommand {

    @Command(name = "native", mixinStandardHelpOptions = true,
            description = "DuckDB's read_csv -> COPY TO parquet of every entity file of the inbox (the baseline).")
    static final class Native implements Callable<Integer> {

        @Option(names = "--inbox", required = true, paramLabel = "DIR")
        Path inbox;

        @Option(names = "--work", required = true, paramLabel = "DIR", description = "emptied, then used")
        Path work;

        @Override
        public Integer call() throws Exception {
            NativeBaseline.Result result = NativeBaseline.run(inbox, work);
            System.out.printf("native_rows=%d%nnative_seconds=%.2f%nnative_cpu_seconds=%.2f%nexpand_seconds=%.2f%n",
                    result.rows(), result.seconds(), result.cpuSeconds(), result.expandSeconds());
            return 0;
        }
    }

    @Command(name = "views", mixinStandardHelpOptions = true, description = "Times each report view.")
    static final class Views implements Callable<Integer> {

        @Option(names = "--warehouse", required = true, paramLabel = "DIR")
        Path warehouse;

        @Override
        public Integer call() throws Exception {
            for (Map.Entry<String, Double> view : ViewTimer.time(warehouse).entrySet()) {
                System.out.printf("view_%s=%.3f%n", view.getKey(), view.getValue());
            }
            return 0;
        }
    }
}
