package cn.campaign.warehouse.cli;

import cn.campaign.warehouse.catalog.Duck;
import cn.campaign.warehouse.testing.DeliveryFixture;
import cn.campaign.warehouse.validate.IdNumber;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's side of an end-to-end test: a {@code jobs/} folder and key file in a temporary folder, the
 * commands run in-process through {@link Main}, and the warehouse read the way an analyst reads it.
 */
final class CliHarness {

    final Path root;
    final Path jobs;
    final Path keyFile;
    /** The operator's usual folders beside {@code jobs/}, for tests that need one inbox and one warehouse. */
    final Path inbox;
    final Path warehouse;
    private final StringBuilder console = new StringBuilder();
    private String lastOutput = "";

    CliHarness(Path root, String loadProperties) throws Exception {
        this.root = root;
        jobs = Files.createDirectories(root.resolve("jobs"));
        Files.copy(Path.of("jobs/sources.csv"), jobs.resolve("sources.csv"));
        Files.copy(Path.of("jobs/campaigns.csv"), jobs.resolve("campaigns.csv"));
        Files.writeString(jobs.resolve("load.properties"), loadProperties);
        keyFile = root.resolve("test.key");
        Files.writeString(keyFile, "0123456789abcdef0123456789abcdef");
        inbox = Files.createDirectories(root.resolve("inbox"));
        warehouse = root.resolve("warehouse");
    }

    int load() {
        return load(warehouse, inbox);
    }

    /** Puts the smallest delivery that changes the reports (one fair of PROV-41 on 2022-05-09) in the inbox. */
    void deliverOneFair() throws Exception {
        new DeliveryFixture("PROV-41", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", DeliveryFixture.ONE_FAIR)
                .writeZip(inbox, "PROV-41_20220509_1.zip");
    }

    /**
     * Puts PROV-41's night of 2022-05-09 with one vocational institution of that name, its three graduates in
     * difficulty (a count small cells suppress) and one fair offering that many posts in the inbox.
     */
    void deliverSmallInstitutionNight(String institutionCode, String institutionName, int fairPosts) throws Exception {
        StringBuilder graduates = new StringBuilder(
                "id_number,institution_code,cohort,education_level,difficulty,destination\n");
        for (String body : List.of("41010220000101123", "41010220000101124", "41010220000101125")) {
            graduates.append(body).append(IdNumber.checkCharacterFor(body)).append(',').append(institutionCode)
                    .append(",2022,bachelor,disabled,unplaced\n");
        }
        new DeliveryFixture("PROV-41", "2022-05-09", 1, StandardCharsets.UTF_8)
                .file("institutions.csv", "institution", "institution_code,name,province_code,level\n"
                        + institutionCode + "," + institutionName + ",41,vocational\n")
                .file("graduates.csv", "graduate", graduates.toString())
                .file("fairs.csv", "fair", "fair_id,name,start_date,fair_type,channel,region_code,employers,"
                        + "posts,attendees\nF1,双选会,2022-05-09,campus,online,4101,10," + fairPosts + ",50\n")
                .writeZip(inbox, "PROV-41_20220509_1.zip");
    }

    /** Puts PROV-41's next night, one more fair on 2022-05-10, in the inbox. */
    void deliverNextNightsFair() throws Exception {
        new DeliveryFixture("PROV-41", "2022-05-10", 1, StandardCharsets.UTF_8)
                .file("fairs.csv", "fair", "fair_id,name,start_date,fair_type,channel,region_code,employers,posts,"
                        + "attendees\nF2,双选会,2022-05-10,campus,offline,4101,5,5,5\n")
                .writeZip(inbox, "PROV-41_20220510_1.zip");
    }

    /** Publishes the snapshot of a date from the harness's warehouse into {@code out}; the command must succeed. */
    Path publish(String date, Path out) {
        int status = run("publish", "--warehouse", warehouse.toString(), "--jobs", jobs.toString(), "--as-of", date,
                "--out", out.toString());
        if (status != 0) {
            throw new AssertionError("publish --as-of " + date + " exited " + status + ":\n" + lastOutput);
        }
        return out.resolve(date);
    }

    int load(Path warehouse, Path inbox) {
        return run("load", "--warehouse", warehouse.toString(), "--jobs", jobs.toString(),
                "--inbox", inbox.toString(), "--key-file", keyFile.toString());
    }

    /** Runs one command, keeping what it printed on stdout and stderr (the log) for {@link #console()}. */
    int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            return Main.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
            String text = captured.toString(StandardCharsets.UTF_8);
            console.append(text);
            lastOutput = text;
            out.print(text);
        }
    }

    /** Everything the commands of this harness printed, log lines included. */
    String console() {
        return console.toString();
    }

    /** What the last command printed, log lines included. */
    String lastOutput() {
        return lastOutput;
    }

    static List<String> query(Path warehouse, String sql) throws Exception {
        return queryFile(warehouse.resolve("campaign.duckdb"), sql);
    }

    /** The rows of a query on any DuckDB file of a warehouse (the standby's changes, say), read-only. */
    static List<String> queryFile(Path database, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = Duck.openReadOnly(database);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    cells.add(String.valueOf(result.getObject(i)));
                }
                rows.add(String.join("|", cells));
            }
        }
        return rows;
    }
}
