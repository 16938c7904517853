package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Runs QUERY read-only against the warehouse and prints a table.",
                "With no QUERY, an interactive prompt: statements end with ';', .help lists the commands."})
final class SqlCommand implements Callable<Integer> {

    @Mixin
    WarehouseOptions options;

    @Option(names = "--csv", description = "print CSV instead of a table (the same as --mode csv)")
    boolean csv;

    @Option(names = "--mode", paramLabel = "MODE", description = "table (the default: fitted to the terminal's "
            + "width), csv, json, markdown or line, as DuckDB's .mode")
    ResultPrinter.Mode mode;

    @Parameters(arity = "0..1", paramLabel = "QUERY",
            description = "the SQL to run: one statement, or several separated by ';', run in order")
    String query;

    @Option(names = "--history", paramLabel = "FILE",
            description = "where the prompt keeps its history (default: ~/.campaign-warehouse_history)")
    Path historyFile;

    @Override
    public Integer call() throws Exception {
        WarehouseFolder warehouse = new WarehouseFolder(options.warehouse);
        if (!warehouse.hasCatalog()) {
            System.err.println("sql failed: there is no warehouse at " + warehouse.root()
                    + " (no campaign.duckdb); run load first or pass --warehouse DIR");
            return 1;
        }
        ResultPrinter.Mode chosen = mode != null ? mode : csv ? ResultPrinter.Mode.CSV : ResultPrinter.Mode.TABLE;
        try (Connection connection = Duck.openForAnalyst(warehouse.catalog(), options.config().sqlMemoryLimit())) {
            if (query != null) {
                // statements run in order, each printing its result; the first that fails stops the rest, as
                // DuckDB's shell does with -bail
                for (String statement : SqlStatements.split(query)) {
                    if (!run(connection, statement, chosen)) {
                        return 1;
                    }
                }
                return 0;
            }
            return prompt(connection, chosen);
        }
    }

    private boolean run(Connection connection, String sql, ResultPrinter.Mode chosen) {
        try (Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    ResultPrinter.print(rows, chosen, TerminalWidth.ofStandardOutput(), System.out);
                }
            }
            return true;
        } catch (SQLException e) {
            System.err.println(ResultPrinter.failure(e));
            return false;
        }
    }

    private int prompt(Connection connection, ResultPrinter.Mode chosen) throws Exception {
        Path history = historyFile != null ? historyFile
                : Path.of(System.getProperty("user.home"), ".campaign-warehouse_history");
        return new SqlPrompt(connection, history, chosen).run(System.in, System.out);
    }
}
