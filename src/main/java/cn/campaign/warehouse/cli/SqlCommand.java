package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.catalog.WarehouseFolder;
import cn.campaign.warehouse.text.Printable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
                "With no QUERY, reads queries from an interactive prompt (end each with ';', quit with .quit)."})
final class SqlCommand implements Callable<Integer> {

    @Mixin
    WarehouseOptions options;

    @Option(names = "--csv", description = "print CSV instead of a table")
    boolean csv;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "the SQL query")
    String query;

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
            System.err.println("query failed: "
                    + Printable.line(e.getMessage().lines().findFirst().orElse(e.getMessage())));
            return false;
        }
    }

    private int prompt(Connection connection) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder pending = new StringBuilder();
        System.out.print("warehouse> ");
        System.out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            if (pending.isEmpty() && (line.strip().equals(".quit") || line.strip().equals(".exit"))) {
                break;
            }
            pending.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                run(connection, pending.toString());
                pending.setLength(0);
            }
            System.out.print(pending.isEmpty() ? "warehouse> " : "     ...> ");
            System.out.flush();
        }
        System.out.println();
        return 0;
    }
}
