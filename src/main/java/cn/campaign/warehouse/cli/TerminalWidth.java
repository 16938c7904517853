package cn.campaign.warehouse.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * How wide the analyst's terminal is, so that a table fits it; 0 when the output is not a terminal (no limit: a
 * script reading the output wants every column). Read with {@code stty size} on the controlling terminal, since
 * opening a full terminal library for one query would send the terminal its capability probes.
 */
final class TerminalWidth {

    private TerminalWidth() {
    }

    static int ofStandardOutput() {
        if (System.console() == null) {
            return 0;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0 && size.matches("\\d+ \\d+")) {
                return Integer.parseInt(size.split(" ")[1]);
            }
        } catch (IOException e) {
            // no stty here: fall back to the shell's COLUMNS
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String columns = System.getenv("COLUMNS");
        return columns != null && columns.matches("\\d+") ? Integer.parseInt(columns) : 0;
    }
}
