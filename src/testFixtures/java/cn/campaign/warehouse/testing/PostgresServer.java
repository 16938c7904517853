package cn.campaign.warehouse.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of its own for a test class, from Debian's {@code postgresql} package (which
 * {@code .ci/run} installs): a new cluster in a temporary folder on a free port, trusting local connections, stopped
 * and removed by {@link #close()}. Run as the {@code postgres} user when the tests run as root, since PostgreSQL
 * refuses to run as root. Shared by the main project's tests and the Spark project's.
 */
public final class PostgresServer implements AutoCloseable {

    private final Path folder;
    private final Path binaries;
    private final int port;
    private final Thread stopAtExit;

    private PostgresServer(Path folder, Path binaries, int port) {
        this.folder = folder;
        this.binaries = binaries;
        this.port = port;
        this.stopAtExit = new Thread(this::stop);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts a new server; fails with a sentence when PostgreSQL's programs are not installed. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path binaries = binaries();
        Path folder = Files.createTempDirectory("postgres");
        if (isRoot()) {
            run(List.of("chown", "postgres", folder.toString()), false);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = folder.resolve("data");
        run(List.of(binaries.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--no-sync"), true);
        PostgresServer server = new PostgresServer(folder, binaries, port);
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                folder.resolve("server.log").toString(), "-w", "-o", "-p " + port + " -k " + folder
                        + " -c listen_addresses=localhost -c fsync=off -c max_connections=50", "start"), true);
        return server;
    }

    /** A JDBC URL of a new database on this server, signing in as {@code postgres}. */
    public String newDatabase(String name) throws IOException, InterruptedException {
        run(List.of(binaries.resolve("createdb").toString(), "-h", "localhost", "-p", String.valueOf(port), "-U",
                "postgres", name), true);
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting
        }
    }

    private void stop() {
        try {
            run(List.of(binaries.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m",
                    "immediate", "stop"), true);
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        } catch (IOException | InterruptedException e) {
            // a server left running dies with the machine's session; nothing else depends on it
        }
    }

    private static Path binaries() throws IOException {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path newest = versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                        .max(Comparator.comparing(version -> Integer.parseInt(version.getFileName().toString()
                                .replaceAll("\\D", "0")))).orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            }
        }
        throw new IllegalStateException("these tests need PostgreSQL's server programs (initdb, pg_ctl) under "
                + debian + "; install Debian's postgresql package (.ci/run does)");
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres && isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + output);
        }
    }
}
