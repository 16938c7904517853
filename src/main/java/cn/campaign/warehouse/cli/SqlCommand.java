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

    @Option(names = "--csv", description = "print CSV instead of a table")
    boolean csv;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "the SQL query")
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
        try (Connection connection = Duck.openForAnalyst(warehouse.catalog())) {
            if (query != null) {
                return run(connection, query) ? 0 : 1;
            }
            return prompt(connection);
        }
    }

    private boolean run(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    ResultPrinter.print(rows, csv, System.out);
                }
            }
            return true;
        } catch (SQLException e) {
            System.err.println(ResultPrinter.failure(e));
            return false;
        }
    }

    private int prompt(Connection connection) throws Exception {
        Path history = historyFile != null ? historyFile
                : Path.of(System.getProperty("user.home"), ".campaign-warehouse_history");
        return new SqlPrompt(connection, history, csv).run(System.in, System.out);
    }
}
