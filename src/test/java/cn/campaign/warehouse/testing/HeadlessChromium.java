package cn.campaign.warehouse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless and cut off from the network, opening a local page the way a reader's browser would:
 * the document after its scripts ran, what the page wrote to the console, and a screenshot. {@code .ci/run} installs
 * the browser; set CHROMIUM to use another binary.
 */
public final class HeadlessChromium {

    private final Path binary;
    private final Path profile;

    public HeadlessChromium(Path profile) {
        this.binary = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        this.profile = profile;
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("the browser tests need Chromium at " + binary + ": install Debian's "
                    + "chromium and fonts-noto-cjk packages (.ci/run does), or set CHROMIUM to a Chromium binary");
        }
    }

    /** A page as the browser left it: its document after the scripts ran, and each console message it logged. */
    public record Page(String dom, List<String> console) {
    }

    public Page open(Path page) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile(profile.getParent(), "chromium", ".log");
        Process process = start(stderr, "--enable-logging=stderr", "--v=0", "--dump-dom",
                page.toUri().toString());
        String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        finish(process);
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
            if (line.contains(":CONSOLE")) {
                console.add(line);
            }
        }
        return new Page(dom, console);
    }

    public void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Process process = start(Files.createTempFile(profile.getParent(), "chromium", ".log"), "--hide-scrollbars",
                "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(),
                page.toUri().toString());
        process.getInputStream().readAllBytes();
        finish(process);
    }

    private Process start(Path stderr, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                // no name resolves: a page that fetched anything would fail visibly
                "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=15000"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    private static void finish(Process process) throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium did not finish within 120 s");
        }
    }
}
