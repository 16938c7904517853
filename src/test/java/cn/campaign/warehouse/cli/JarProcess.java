package cn.campaign.warehouse.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A command of the built jar in a process of its own, as an operator or a second machine runs it: only the given
 * {@code CAMPAIGN_*} variables, standard output and error kept apart.
 */
final class JarProcess {

    static final Path JAR = Path.of("target/campaign-warehouse.jar").toAbsolutePath();

    /** What the process printed and how it exited. */
    record Run(int status, String stdout, String stderr) {

        String output() {
            return stdout + stderr;
        }
    }

    private JarProcess() {
    }

    static Run run(Path folder, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CAMPAIGN_"));
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile(folder, "stdout", ".txt");
        Path stderr = Files.createTempFile(folder, "stderr", ".txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        int status = process.waitFor();
        Run run = new Run(status, Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        Files.delete(stdout);
        Files.delete(stderr);
        return run;
    }
}
