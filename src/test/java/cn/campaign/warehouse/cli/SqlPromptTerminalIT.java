package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prompt as an analyst meets it: in a real terminal (a tmux pane, a pseudo-terminal the jar cannot tell from
 * an xterm), keys typed one after the other, the screen read back.
 */
class SqlPromptTerminalIT {

    private static final Path JAR = Path.of("target/campaign-warehouse.jar").toAbsolutePath();

    @TempDir
    Path temp;
    CliHarness cli;
    private final String session = "cw-prompt-" + ProcessHandle.current().pid();

    @BeforeEach
    void oneNightLoaded() throws Exception {
        cli = new CliHarness(temp, "");
        cli.deliverOneFair();
        assertThat(cli.load()).isZero();
    }

    @AfterEach
    void closeTheTerminal() throws Exception {
        tmux("kill-session", "-t", session);
    }

    @Test
    void ctrlCCancelsALongQueryAndTheSessionGoesOn() throws Exception {
        // given the prompt in a terminal
        open();

        // when a query that would run for minutes is interrupted
        line("select count(*) from range(200000) as a(x), range(200000) as b(y) where x + y = 3;");
        Thread.sleep(1500);
        keys("C-c");

        // then it is cancelled, and the same session answers the next question
        waitFor("cancelled");
        line("select 40 + 2 as answer;");
        String screen = waitFor("(1 row)");
        assertThat(screen).containsPattern("answer\\s*\\n-+\\s*\\n\\s*42");
    }

    @Test
    void theHistoryOfOneSessionIsRecalledInTheNextWithUpAndCtrlR() throws Exception {
        // given a first session that ran two statements and left
        open();
        line("select 'first' as one;");
        waitFor("(1 row)");
        line("select 'second' as two;");
        waitFor("second\n(1 row)");
        line(".quit");
        waitUntilClosed();

        // when a second session starts and the analyst presses Up, then searches back for "first"
        open();
        keys("Up");
        String recalled = waitFor("warehouse> select 'second' as two;");
        keys("C-u", "C-r");
        tmux("send-keys", "-t", session, "-l", "first");
        String searched = waitFor("select 'first' as one;");

        // then both statements come back from the history file
        assertThat(recalled).contains("warehouse> select 'second' as two;");
        assertThat(searched).contains("first");
        assertThat(Files.readString(temp.resolve("history"))).contains("select 'first' as one;",
                "select 'second' as two;");
    }

    private void open() throws Exception {
        String command = "java -jar " + JAR + " sql --warehouse " + cli.warehouse + " --history "
                + temp.resolve("history");
        assertThat(tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "40", command)).isZero();
        waitFor("warehouse>");
    }

    /** Types {@code text}, then presses Enter. */
    private void line(String text) throws Exception {
        // tmux reads an argument ending in ';' as the end of its command: the space keeps it in the text
        tmux("send-keys", "-t", session, "-l", text + " ");
        keys("Enter");
    }

    /** Presses keys as tmux names them (Enter, Up, C-c). */
    private void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** The pane's text once it shows {@code text}; fails after 60 s. */
    private String waitFor(String text) throws Exception {
        String screen = "";
        for (int i = 0; i < 600; i++) {
            screen = capture();
            if (screen.contains(text)) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the terminal never showed \"" + text + "\"; it shows:\n" + screen);
    }

    private void waitUntilClosed() throws Exception {
        for (int i = 0; i < 300 && tmux("has-session", "-t", session) == 0; i++) {
            Thread.sleep(100);
        }
    }

    private String capture() throws Exception {
        Process process = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", session).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    private static int tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
