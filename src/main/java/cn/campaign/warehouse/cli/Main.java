package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.text.Printable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code campaign-warehouse.jar}. */
@Command(name = "campaign-warehouse", mixinStandardHelpOptions = true, version = "campaign-warehouse 0.1.0",
        description = "Warehouse of the graduate employment campaign: nightly deliveries to a Parquet star schema "
                + "and DuckDB reports.",
        subcommands = {LoadCommand.class, PublishCommand.class, SqlCommand.class, StatusCommand.class,
                GenerateCommand.class, DemoCommand.class, ScheduleCommand.class, DictionaryCommand.class,
                BenchCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new Main())
                .setParameterExceptionHandler((exception, args1) -> {
                    exception.getCommandLine().getErr().println(Printable.line(exception.getMessage()));
                    exception.getCommandLine().usage(exception.getCommandLine().getErr());
                    return 1;
                })
                .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
                    commandLine.getErr().println(commandLine.getCommandName() + " failed: "
                            + Printable.line(sentence(exception)));
                    return 1;
                })
                .execute(args);
    }

    private static String sentence(Throwable exception) {
        Throwable cause = exception;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
