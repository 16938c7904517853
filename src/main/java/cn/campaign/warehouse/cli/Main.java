package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.catalog.WarmUp;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.job.OptimisingCompiler;
import cn.campaign.warehouse.text.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Locale;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of {@code campaign-warehouse.jar}. */
@Command(name = "campaign-warehouse", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Warehouse of the graduate employment campaign: nightly deliveries to a Parquet star schema "
                + "and DuckDB reports.",
        subcommands = {LoadCommand.class, PublishCommand.class, SqlCommand.class, StatusCommand.class,
                GenerateCommand.class, DemoCommand.class, ScheduleCommand.class, DictionaryCommand.class,
                BenchCommand.class})
public final class Main {

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "ERROR, WARN, INFO (the default) or DEBUG (each stage's timings); also CAMPAIGN_LOG_LEVEL")
    Logging.Level logLevel;

    @Option(names = "--log-format", paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "text (the default) or json: one JSON event per line on stderr for a log aggregator, each "
                    + "inbox file's outcome as fields; also CAMPAIGN_LOG_FORMAT")
    Logging.Format logFormat;

    /**
     * A command line that could not be understood exits 1, like a run that failed: the surface contract fixes each
     * command's exit statuses (publish 0/1, load 0/1/2, status 0), and scripts written against it test for them.
     * sysexits' 64 would be a status the contract does not name. The message tells the two cases apart.
     */
    static final int USAGE_ERROR = 1;

    /**
     * Whether the command is the process's only work, as when run by {@code java -jar}: a {@code load} or
     * {@code publish} then sets the JVM's compiler policy for itself ({@link OptimisingCompiler}). Tests run commands
     * inside their own JVM.
     */
    boolean ownsProcess;

    public static void main(String[] args) {
        if (opensADatabase(args)) {
            WarmUp.startLibrary();
        }
        System.exit(execute(true, args));
    }

    /**
     * Every command but {@code generate} opens DuckDB, and so does {@code --version}; a help page does not, and ends
     * before the driver has copied its library out of the jar. A mistyped command, known only once parsed, may still
     * end mid-copy: later commands remove such a copy once it is stale ({@code catalog.ExtractedNativeLibrary}).
     */
    private static boolean opensADatabase(String... args) {
        return args.length > 0 && Arrays.stream(args).noneMatch(arg -> arg.equals("generate") || arg.equals("--help")
                || arg.equals("-h"));
    }

    public static int execute(String... args) {
        return execute(false, args);
    }

    private static int execute(boolean ownsProcess, String... args) {
        Main main = new Main();
        main.ownsProcess = ownsProcess;
        CommandLine commandLine = new CommandLine(main)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(LocalDate.class, Main::date)
                .setExecutionStrategy(parseResult -> {
                    try {
                        Logging.configure(main.logLevel, main.logFormat, zone(parseResult));
                    } catch (IllegalArgumentException e) {
                        parseResult.commandSpec().commandLine().getErr().println(Printable.line(e.getMessage()));
                        return USAGE_ERROR;
                    }
                    return new RunLast().execute(parseResult);
                })
                .setParameterExceptionHandler((exception, ignored) -> {
                    CommandLine failed = exception.getCommandLine();
                    PrintWriter err = failed.getErr();
                    err.println(Printable.line(exception.getMessage()));
                    UnmatchedArgumentException.printSuggestions(exception, err);
                    err.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for its usage.");
                    return USAGE_ERROR;
                })
                .setExecutionExceptionHandler((exception, failed, parseResult) -> {
                    failed.getErr().println(failed.getCommandName() + " failed: "
                            + Printable.line(sentence(exception)));
                    return 1;
                });
        // every command answers --version alike, not only the top one
        commandLine.getSubcommands().values()
                .forEach(sub -> sub.getCommandSpec().versionProvider(new VersionInfo()));
        return commandLine.execute(args);
    }

    /** The zone log lines are stamped in: the schedule's, from the configuration the command was given. */
    private static ZoneId zone(ParseResult parseResult) {
        ParseResult command = parseResult;
        while (command.subcommand() != null) {
            command = command.subcommand();
        }
        try {
            return OperatorConfig.resolve(command.matchedOptionValue("--jobs", (Path) null)).scheduleZone();
        } catch (RuntimeException e) {
            // the command reports a configuration it cannot read in its own words
            return ZoneId.of("Asia/Shanghai");
        }
    }

    /** A date as people write it; a wrong one is named in a sentence rather than by a Java exception's class. */
    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a date of the form YYYY-MM-DD" + why(text));
        }
    }

    private static String why(String text) {
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return "";
        }
        int month = Integer.parseInt(text.substring(5, 7));
        if (month < 1 || month > 12) {
            return " (there is no month " + month + ")";
        }
        YearMonth yearMonth = YearMonth.of(Integer.parseInt(text.substring(0, 4)), month);
        return " (" + yearMonth.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + yearMonth.getYear()
                + " has " + yearMonth.lengthOfMonth() + " days)";
    }

    private static String sentence(Throwable exception) {
        Throwable cause = exception;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
