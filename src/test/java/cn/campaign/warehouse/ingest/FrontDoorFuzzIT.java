package cn.campaign.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import cn.campaign.warehouse.files.Folders;
import cn.campaign.warehouse.config.OperatorConfig;
import cn.campaign.warehouse.model.Pseudonymizer;
import cn.campaign.warehouse.testing.DeliveryFixture;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The ingestion front door, fuzzed: valid deliveries of every entity, format, encoding and archive kind, mutated at
 * random in their records, their manifest or their archive bytes. Every case ends in a load, a quarantine or a
 * reject with a contract code: never an exception, an internal error, a heap error or a hang. (The load of such a
 * night through the whole build and its checks is {@code FuzzedNightEndToEndIT}.)
 */
class FrontDoorFuzzIT {

    private static Path root;
    private static OperatorConfig config;
    private static Pseudonymizer pseudonymizer;
    private static int counter;

    @BeforeContainer
    static void folders() throws Exception {
        root = Files.createTempDirectory("front-door-fuzz");
        // every rejected record still lets its file load, so that more of the records reach staging
        config = OperatorConfig.load(Path.of("jobs")).withSetting("reject.rate.max", "1.0")
                .withSetting("record.max.bytes", "4096");
        pseudonymizer = new Pseudonymizer("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    }

    @AfterContainer
    static void removeFolders() throws Exception {
        Folders.deleteTree(root);
    }

    @Property(tries = 1500, edgeCases = EdgeCasesMode.MIXIN)
    void everyMutatedDeliveryIsLoadedQuarantinedOrRejectedWithAContractCode(@ForAll("mutants") Mutant mutant)
            throws Exception {
        check(mutant);
    }

    @Property(tries = 30000, edgeCases = EdgeCasesMode.MIXIN)
    @Tag("faults")
    void manyMoreMutatedDeliveries(@ForAll("mutants") Mutant mutant) throws Exception {
        check(mutant);
    }

    private static void check(Mutant mutant) throws Exception {
        // given
        Path folder = Files.createDirectories(root.resolve("case" + ++counter));
        Path inbox = Files.createDirectories(folder.resolve("inbox"));
        Path archive = mutant.write(inbox);
        DeliveryProcessor processor = new DeliveryProcessor(config, new Ledger(List.of()), folder.resolve("tmp"),
                folder.resolve("staging"), pseudonymizer, Clock.systemUTC(), "load_rejects");
        InboxFile file = new InboxFile(archive, archive.getFileName().toString(), Digests.sha256(archive),
                Files.size(archive), null, null);

        // when
        DeliveryRecord record = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> processor.process(file));

        // then
        Statistics.collect(record.status(), record.reason(), record.rejected() != null && record.rejected() > 0);
        assertThat(record.status()).isNotNull();
        if (record.status() == DeliveryStatus.LOADED) {
            assertThat(record.reason()).isNull();
            assertThat(record.records()).isNotNull();
            assertThat(folder.resolve("staging").resolve(record.stagingKey())).isDirectory();
        } else {
            assertThat(record.reason()).as(record.message()).isNotNull();
            assertThat(record.message()).doesNotContain("internal error");
        }
        assertThat(folder.resolve("tmp").resolve(record.stagingKey() == null ? "none" : record.stagingKey()))
                .doesNotExist();
        Folders.deleteTree(folder);
    }

    @Provide
    Arbitrary<Mutant> mutants() {
        return Combinators.combine(
                Arbitraries.integers().between(0, Mutant.TEMPLATES - 1),
                Arbitraries.integers().between(1, 127),
                Arbitraries.of(Layer.values()),
                Arbitraries.integers().between(0, 4),
                Arbitraries.longs()).as(Mutant::new);
    }

    /** A mutant drawn from a plain random source, for tests that want a night of them rather than a property. */
    static Mutant random(Random random) {
        // mostly records: a night's build is what the other layers cannot reach
        Layer layer = random.nextInt(3) > 0 ? Layer.RECORDS : Layer.values()[random.nextInt(Layer.values().length)];
        return new Mutant(random.nextInt(Mutant.TEMPLATES), 1 + random.nextInt(127), layer, random.nextInt(5),
                random.nextLong());
    }

    /** Where a mutation strikes. */
    enum Layer { NONE, RECORDS, MANIFEST, ARCHIVE }

    /**
     * One fuzzed delivery: a template (archive kind, format, encoding), the entity files it carries (a bit set),
     * where the mutations strike, how many, and the seed that places and chooses them.
     */
    record Mutant(int template, int entities, Layer layer, int mutations, long seed) {

        static final int TEMPLATES = 6;

        private static final String[] PAYLOADS = {
            "\"", ",", "\n", "\r", "\r\n", "\u0000", "\u001b[2J", "\t", "\"\"", ",,,,", "{", "}", "[1,2]",
            " {\"a\":1}", " garbage", "null", "-1", "0", "1234567890", "123456789012345678", "9223372036854775807", "2147483648", "1e400", "9".repeat(40),
            "13812345678", "11010519491231002X", "110105199001011231", "2022-02-30", "2099-01-01", "0000-01-01",
            "是", "否", "TRUE", "op", "D", "X", "\uFEFF", "\uD800", "学", "𠀀", "x".repeat(5000), "%s", "'; drop",
            "PROV-41", "4141010001", "91350100M000100Y43", "41", "4101", "I", "undergraduate", "post_push", " "};

        /** Values at the edges of what a number, a date or a code can be. */
        private static final String[] EXTREMES = {
            "999999999", "999999999999999999", "-999999999", "2147483647", "0", "9999-12-31", "0001-01-01",
            "99999999999999999999999999999999999999.5"};

        Path write(Path inbox) throws Exception {
            return write(inbox, "PROV-41", LocalDate.of(2022, 5, 9));
        }

        /** Writes the delivery as the given source's for the given business date (not before 2022-05-09). */
        Path write(Path inbox, String sourceId, LocalDate businessDate) throws Exception {
            Random random = new Random(seed);
            Charset encoding = template % 3 == 2 ? Charset.forName("GB18030") : StandardCharsets.UTF_8;
            boolean jsonl = template % 2 == 1;
            DeliveryFixture fixture = new DeliveryFixture(sourceId, businessDate.toString(), 1, encoding);
            List<String[]> files = Templates.files(entities, jsonl, 1 + random.nextInt(12));
            for (String[] entityFile : files) {
                String content = entityFile[2];
                if (layer == Layer.RECORDS) {
                    content = mutate(content, random);
                }
                fixture.fileBytes(entityFile[0], entityFile[1], content.getBytes(encoding), rows(content, jsonl,
                        random));
            }
            if (layer == Layer.MANIFEST) {
                fixture.withManifest(mutate(fixture.generatedManifest(), random));
            }
            String extension = switch (template % 3) {
                case 0 -> "zip";
                case 1 -> "tar.gz";
                default -> "tar";
            };
            String name = sourceId + "_" + businessDate.toString().replace("-", "") + "_1." + extension;
            Path archive = switch (extension) {
                case "zip" -> fixture.writeZip(inbox, name);
                case "tar.gz" -> fixture.writeTarGz(inbox, name);
                default -> fixture.writeTar(inbox, name);
            };
            if (layer == Layer.ARCHIVE) {
                byte[] bytes = Files.readAllBytes(archive);
                for (int i = 0; i <= mutations && bytes.length > 0; i++) {
                    int at = random.nextInt(bytes.length);
                    switch (random.nextInt(3)) {
                        case 0 -> bytes[at] = (byte) random.nextInt(256);
                        case 1 -> bytes = java.util.Arrays.copyOf(bytes, at);
                        default -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                DeliveryFixture.settled(Files.write(archive, bytes));
            }
            return archive;
        }

        /**
         * Replaces one value of a record with the payload, keeping the record's shape: the way to reach the rules
         * and the build with values a source should never send (a CSV cell between commas, a JSON string value).
         */
        private static void replaceCell(StringBuilder out, Random random, String payload) {
            String[] lines = out.toString().split("\n", -1);
            if (lines.length < 2) {
                return;
            }
            int line = 1 + random.nextInt(lines.length - 1);
            if (lines[line].startsWith("{")) {
                line = random.nextInt(lines.length);
            }
            List<int[]> cells = new ArrayList<>();
            String text = lines[line];
            int start = text.startsWith("{") ? -1 : 0;
            for (int i = 0; i <= text.length(); i++) {
                if (text.startsWith("{")) {
                    if (i < text.length() && text.startsWith(":\"", i)) {
                        start = i + 2;
                    } else if (start >= 0 && i < text.length() && text.charAt(i) == '"') {
                        cells.add(new int[] {start, i});
                        start = -1;
                    }
                } else if (i == text.length() || text.charAt(i) == ',') {
                    cells.add(new int[] {start, i});
                    start = i + 1;
                }
            }
            if (cells.isEmpty()) {
                return;
            }
            int[] cell = cells.get(random.nextInt(cells.size()));
            String value = text.startsWith("{") ? payload.replace("\\", "").replace("\"", "") : payload;
            lines[line] = text.substring(0, cell[0]) + value + text.substring(cell[1]);
            out.setLength(0);
            out.append(String.join("\n", lines));
        }

        /**
         * Gives one column of every CSV record the payload: a source's export that is wrong in one field throughout,
         * so that the build meets such a value many times over (a sum, a distinct count).
         */
        private static void replaceColumn(StringBuilder out, Random random, String payload) {
            String[] lines = out.toString().split("\n", -1);
            if (lines.length < 2 || lines[0].startsWith("{") || payload.contains(",") || payload.contains("\n")) {
                return;
            }
            int column = random.nextInt(lines[0].split(",", -1).length);
            for (int line = 1; line < lines.length; line++) {
                String[] cells = lines[line].split(",", -1);
                if (column < cells.length && !lines[line].contains("\"")) {
                    cells[column] = payload;
                    lines[line] = String.join(",", cells);
                }
            }
            out.setLength(0);
            out.append(String.join("\n", lines));
        }

        /** The manifest's row count: usually the true one, so that the records themselves are read. */
        private long rows(String content, boolean jsonl, Random random) {
            long lines = content.lines().filter(line -> !line.isBlank()).count() - (jsonl ? 0 : 1);
            return random.nextInt(10) == 0 ? lines + random.nextInt(3) - 1 : Math.max(0, lines);
        }

        private String mutate(String text, Random random) {
            StringBuilder out = new StringBuilder(text);
            for (int i = 0; i <= mutations; i++) {
                // the header is struck now and then; mostly the records, so that their rules and the build are reached
                int bodyStart = random.nextInt(10) == 0 ? 0 : out.indexOf("\n") + 1;
                int at = out.length() <= bodyStart ? out.length() : bodyStart + random.nextInt(out.length() - bodyStart);
                String payload = PAYLOADS[random.nextInt(PAYLOADS.length)];
                switch (random.nextInt(12)) {
                    case 4, 5, 6, 7, 8, 9 -> replaceCell(out, random, payload);
                    case 10, 11 -> replaceColumn(out, random, random.nextBoolean() ? payload
                            : EXTREMES[random.nextInt(EXTREMES.length)]);
                    case 0 -> out.insert(at, payload);
                    case 1 -> out.replace(at, Math.min(out.length(), at + 1 + random.nextInt(8)), payload);
                    case 2 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(20)));
                    default -> {
                        int lineStart = out.lastIndexOf("\n", at) + 1;
                        int lineEnd = out.indexOf("\n", at);
                        String line = out.substring(lineStart, lineEnd < 0 ? out.length() : lineEnd + 1);
                        out.insert(lineStart, line);
                    }
                }
            }
            return out.toString();
        }
    }

    /** Valid entity files, one per entity, each with a couple of records, as CSV or JSONL. */
    static final class Templates {

        private static final String[][] CSV = {
            {"institutions", "institution", """
                institution_code,name,province_code,city,authority,level,ownership,founded_year
                4141010001,郑州大学,41,郑州,河南省,undergraduate,public,2012
                4141010002,河南职业学院,41,郑州,河南省,vocational,public,1999
                """},
            {"enterprises", "enterprise", """
                uscc,name,ownership,size,industry_code,region_code
                91350100M000100Y43,示例科技,private,small,I,350100
                """},
            {"fairs", "fair", """
                fair_id,name,start_date,end_date,fair_type,channel,host_institution_code,region_code,employers,posts,positions,attendees
                F1,春季双选会,2022-05-08,2022-05-09,campus,hybrid,4141010001,4101,10,100,200,50
                F2,网络招聘会,2022-05-09,,national_series,online,,41,30,300,,500
                """},
            {"visits", "visit", """
                visit_id,visit_date,institution_code,visitor_role,enterprise_uscc,new_partner,posts_opened,agreement_signed
                V1,2022-05-09,4141010001,president,91350100M000100Y43,是,5,true
                V2,2022-05-09,4141010002,party_secretary,91350100M000100Y43,0,0,
                """},
            {"posts", "post", """
                post_id,published_date,enterprise_uscc,title,industry_code,work_region_code,headcount,salary_min,salary_max,education_min,policy_program,origin_platform,origin_post_id,closed_date,op
                P1,2022-05-09,91350100M000100Y43,工程师,I,4101,2,5000,8000,bachelor,none,PROV-41,P1,,
                P2,2022-05-08,91350100M000100Y43,"会计, 出纳",,41,1,,,,tegang,NATL-24365,N9,2022-06-01,U
                """},
            {"graduates", "graduate", """
                id_number,name,phone,institution_code,cohort,education_level,major_code,difficulty,destination,destination_date
                11010519491231002X,张三,13800138000,4141010001,2022,bachelor,080901,low_income;disabled,employed,2022-05-01
                110105199001011232,李四,,4141010002,2022,vocational,510201K,,unplaced,
                """},
            {"services", "service", """
                service_id,service_date,id_number,institution_code,service_type,post_origin_platform,post_origin_id,program,hours
                S1,2022-05-09,11010519491231002X,4141010001,post_push,PROV-41,P1,hongzhi,1.5
                S2,2022-05-09,110105199001011232,4141010002,guidance,,,,2
                """}};

        /** The chosen entities' files, each record repeated {@code copies} times under an identity of its own. */
        static List<String[]> files(int entities, boolean jsonl, int copies) {
            List<String[]> files = new ArrayList<>();
            for (int i = 0; i < CSV.length; i++) {
                if ((entities & (1 << i)) != 0) {
                    String[] entity = {CSV[i][0], CSV[i][1], repeated(CSV[i][2], copies)};
                    files.add(jsonl && i % 2 == 0
                            ? new String[] {entity[0] + ".jsonl", entity[1], toJsonl(entity[2])}
                            : new String[] {entity[0] + ".csv", entity[1], entity[2]});
                }
            }
            return files;
        }

        /** Each record again with its first field (its identity, or part of it) suffixed; a code becomes invalid. */
        private static String repeated(String csv, int copies) {
            List<String> lines = csv.lines().toList();
            StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
            for (int copy = 0; copy < copies; copy++) {
                for (String line : lines.subList(1, lines.size())) {
                    int comma = line.indexOf(',');
                    out.append(copy == 0 ? line : line.substring(0, comma) + "c" + copy + line.substring(comma))
                            .append('\n');
                }
            }
            return out.toString();
        }

        /** The same records as JSON objects, one per line (the templates hold no quoted commas where used). */
        private static String toJsonl(String csv) {
            List<String> lines = csv.lines().toList();
            String[] header = lines.get(0).split(",", -1);
            StringBuilder out = new StringBuilder();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                StringBuilder object = new StringBuilder("{");
                for (int i = 0; i < header.length && i < cells.length; i++) {
                    if (!cells[i].isEmpty()) {
                        object.append(object.length() > 1 ? "," : "").append('"').append(header[i]).append("\":\"")
                                .append(cells[i].replace("\"", "")).append('"');
                    }
                }
                out.append(object).append("}\n");
            }
            return out.toString();
        }
    }
}
