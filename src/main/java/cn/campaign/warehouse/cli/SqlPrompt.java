package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.text.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

/**
 * The {@code sql} command's interactive prompt, as analysts know it from the DuckDB shell: line editing and Ctrl-R
 * search (JLine), history kept between sessions, completion of table, view and column names and keywords, statements
 * over several lines up to a {@code ;}, Ctrl-C to cancel the running query (or the statement being typed) without
 * leaving, and the dot commands {@code .tables}, {@code .schema NAME}, {@code .mode table|csv}, {@code .timer on|off},
 * {@code .help} and {@code .quit} ({@code exit} and {@code quit} too).
 */
final class SqlPrompt {

    private static final String HELP = """
            Type SQL ending with ';' (it may span lines). Only the warehouse's own tables and views can be read.
            .tables               the tables and views
            .schema NAME          the columns of a table or view, with their types and meanings
            .mode MODE            how results are printed: table (fitted to the terminal), csv, json,
                                  markdown or line
            .timer on|off         print how long each statement took
            .help                 this text
            .quit                 leave (also: exit, quit, Ctrl-D)
            Ctrl-C cancels the running query, or the statement being typed; Ctrl-R searches the history.""";

    private final Connection connection;
    private final Path historyFile;
    private ResultPrinter.Mode mode;
    private boolean timer;
    private int width;

    SqlPrompt(Connection connection, Path historyFile, ResultPrinter.Mode mode) {
        this.connection = connection;
        this.historyFile = historyFile;
        this.mode = mode;
    }

    /** Runs the prompt until the analyst leaves; on a real console the system terminal, else the given streams. */
    int run(InputStream in, OutputStream out) throws IOException {
        // piped input (a script, a test) gets a plain terminal on the streams: no pty, no echo of what it reads
        try (Terminal terminal = System.console() != null
                ? TerminalBuilder.builder().system(true).build()
                : new DumbTerminal("sql", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8)) {
            StatementHistory history = new StatementHistory();
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("campaign-warehouse")
                    .completer(new StringsCompleter(names()))
                    .variable(LineReader.HISTORY_FILE, historyFile)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .history(history)
                    .build();
            PrintStream print = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
            AtomicReference<Statement> running = new AtomicReference<>();
            terminal.handle(Terminal.Signal.INT, signal -> cancel(running.get()));
            print.println("campaign-warehouse sql: the warehouse's tables and views, read-only. .help for help.");
            StringBuilder pending = new StringBuilder();
            while (true) {
                String line;
                try {
                    line = reader.readLine(pending.isEmpty() ? "warehouse> " : "     ...> ");
                } catch (UserInterruptException e) {
                    pending.setLength(0);
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                String command = line.strip();
                if (pending.isEmpty() && isQuit(command)) {
                    break;
                }
                if (pending.isEmpty() && command.startsWith(".")) {
                    history.addStatement(command);
                    dotCommand(command, print);
                    continue;
                }
                if (command.isEmpty() && pending.isEmpty()) {
                    continue;
                }
                pending.append(line).append('\n');
                if (command.endsWith(";")) {
                    String typed = pending.toString().strip();
                    pending.setLength(0);
                    history.addStatement(typed);
                    // a dumb terminal (piped input) reports no width: tables are then printed whole
                    width = Terminal.TYPE_DUMB.equals(terminal.getType()) ? 0 : terminal.getWidth();
                    for (String sql : SqlStatements.split(typed)) {
                        execute(sql, print, running);
                    }
                }
            }
            reader.getHistory().save();
            print.println();
        }
        return 0;
    }

    /** A history of statements as typed, a statement of several lines as one entry, not one per line read. */
    private static final class StatementHistory extends DefaultHistory {

        private boolean adding;

        @Override
        public void add(Instant time, String line) {
            if (adding) {
                super.add(time, line);
            }
        }

        void addStatement(String statement) {
            adding = true;
            try {
                super.add(Instant.now(), statement);
            } finally {
                adding = false;
            }
        }
    }

    private static boolean isQuit(String command) {
        String word = command.toLowerCase(Locale.ROOT).replaceAll(";$", "");
        return word.equals(".quit") || word.equals(".exit") || word.equals("exit") || word.equals("quit");
    }

    private void execute(String sql, PrintStream print, AtomicReference<Statement> running) {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            running.set(statement);
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    ResultPrinter.print(rows, mode, width, print);
                }
            }
        } catch (SQLException e) {
            print.println(String.valueOf(e.getMessage()).contains("INTERRUPT") ? "cancelled"
                    : ResultPrinter.failure(e));
        } finally {
            running.set(null);
        }
        if (timer) {
            print.printf(Locale.ROOT, "Run Time: %.3f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private static void cancel(Statement statement) {
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // the query ended meanwhile: nothing to cancel
            }
        }
    }

    private void dotCommand(String command, PrintStream print) {
        String[] words = command.split("\\s+");
        switch (words[0]) {
            case ".tables" -> query("select table_name from duckdb_tables() where not internal "
                    + "union select view_name from duckdb_views() where not internal order by 1", print);
            case ".schema" -> {
                if (words.length < 2) {
                    print.println("usage: .schema NAME");
                } else {
                    query("select column_name, data_type, comment from duckdb_columns() where table_name = '"
                            + Duck.literal(words[1]) + "' order by column_index", print);
                }
            }
            case ".mode" -> {
                ResultPrinter.Mode chosen = words.length == 2 ? modeNamed(words[1]) : null;
                if (chosen != null) {
                    mode = chosen;
                } else {
                    print.println("usage: .mode table|csv|json|markdown|line");
                }
            }
            case ".timer" -> {
                if (words.length == 2 && (words[1].equals("on") || words[1].equals("off"))) {
                    timer = words[1].equals("on");
                } else {
                    print.println("usage: .timer on|off");
                }
            }
            case ".help" -> print.println(HELP);
            default -> print.println("unknown command " + Printable.line(words[0]) + "; .help lists the commands");
        }
    }

    private void query(String sql, PrintStream print) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            ResultPrinter.print(rows, mode, width, print);
        } catch (SQLException e) {
            print.println(ResultPrinter.failure(e));
        }
    }

    private static ResultPrinter.Mode modeNamed(String name) {
        for (ResultPrinter.Mode candidate : ResultPrinter.Mode.values()) {
            if (candidate.name().equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        return null;
    }

    /** What the completer offers: the warehouse's tables, views and columns, and SQL's keywords. */
    private List<String> names() {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select distinct table_name from duckdb_columns() "
                     + "where not internal union select distinct column_name from duckdb_columns() where not internal "
                     + "union select keyword_name from duckdb_keywords()")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        } catch (SQLException e) {
            // completion is a convenience: the prompt works without it
        }
        return names;
    }
}
