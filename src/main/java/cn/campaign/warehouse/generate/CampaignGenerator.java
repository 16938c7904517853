package cn.campaign.warehouse.generate;

import cn.campaign.warehouse.validate.Codes;
import cn.campaign.warehouse.validate.IdNumber;
import cn.campaign.warehouse.validate.Uscc;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes synthetic deliveries that follow the export contract: one archive per province and day, plus the national
 * platform re-listing a share of the provinces' posts (so cross-source dedup has work to do). Scale 1.0 is a
 * national campaign over 100 days; smaller scales shrink every figure. Deterministic for a seed.
 */
public final class CampaignGenerator {

    private static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final double CAMPAIGN_DAYS = 100;
    private static final double FAIRS = 64_000;
    private static final double VISITS = 240_000;
    private static final double POSTS = 12_000_000;
    private static final double GRADUATES = 10_760_000;
    private static final double SERVICES = 20_000_000;

    private final Path out;
    private final double scale;
    private final LocalDate from;
    private final int days;
    private final Random random;
    private final List<Institution> institutions;

    record Institution(String code, String name, String province, String city, String authority, String level,
                       String ownership) {
    }

    public CampaignGenerator(Path out, double scale, LocalDate from, int days, long seed, Path referenceDir)
            throws IOException {
        this.out = out;
        this.scale = scale;
        this.from = from;
        this.days = days;
        this.random = new Random(seed);
        this.institutions = InstitutionList.load(referenceDir, random);
    }

    /** Writes the archives; returns how many. */
    public int generate() throws IOException {
        Files.createDirectories(out);
        Map<String, List<Institution>> byProvince = new LinkedHashMap<>();
        int used = (int) Math.max(Codes.PROVINCES.size(), Math.min(institutions.size(), Math.round(2600 * scale)));
        for (Institution institution : institutions.subList(0, Math.min(used, institutions.size()))) {
            byProvince.computeIfAbsent(institution.province(), p -> new ArrayList<>()).add(institution);
        }
        Map<String, List<String>> enterprises = new LinkedHashMap<>();
        int archives = 0;
        for (int day = 0; day < days; day++) {
            LocalDate date = from.plusDays(day);
            List<String[]> sharedPosts = new ArrayList<>();
            for (Map.Entry<String, List<Institution>> province : byProvince.entrySet()) {
                Delivery delivery = new Delivery("PROV-" + province.getKey(), date);
                List<String> known = enterprises.computeIfAbsent(province.getKey(), p -> new ArrayList<>());
                double share = (double) province.getValue().size() / used;
                if (day == 0) {
                    delivery.institutions(province.getValue());
                    delivery.graduates(province.getValue(), count(GRADUATES * share * CAMPAIGN_DAYS / Math.max(days, 1)));
                }
                delivery.enterprises(province.getKey(), known, count(POSTS * share / 15));
                delivery.fairs(province.getKey(), province.getValue(), count(FAIRS * share));
                delivery.visits(province.getValue(), known, count(VISITS * share));
                sharedPosts.addAll(delivery.posts(province.getKey(), known, count(POSTS * share)));
                delivery.services(province.getValue(), count(SERVICES * share));
                delivery.write();
                archives++;
            }
            Delivery national = new Delivery("NATL-24365", date);
            national.relist(sharedPosts);
            national.write();
            archives++;
        }
        return archives;
    }

    /** A daily count with random rounding, so that small scales still produce their expected totals. */
    private int count(double perCampaign) {
        double perDay = perCampaign * scale / CAMPAIGN_DAYS;
        int whole = (int) perDay;
        return whole + (random.nextDouble() < perDay - whole ? 1 : 0);
    }

    private String uscc(String province) {
        StringBuilder code = new StringBuilder("91").append(province).append("0100");
        for (int i = 0; i < 9; i++) {
            code.append(USCC_ALPHABET.charAt(random.nextInt(USCC_ALPHABET.length())));
        }
        return code.append(Uscc.checkCharacterFor(code.toString())).toString();
    }

    private String idNumber(String province) {
        LocalDate birth = LocalDate.of(2000, 1, 1).plusDays(random.nextInt(1200));
        String first17 = province + "0102" + birth.toString().replace("-", "")
                + String.format("%03d", random.nextInt(1000));
        return first17 + IdNumber.checkCharacterFor(first17);
    }

    private final class Delivery {
        private final String sourceId;
        private final LocalDate date;
        private final Map<String, List<String>> files = new LinkedHashMap<>();
        private final Map<String, String> entities = new LinkedHashMap<>();

        Delivery(String sourceId, LocalDate date) {
            this.sourceId = sourceId;
            this.date = date;
        }

        private List<String> file(String name, String entity, String header) {
            entities.put(name, entity);
            return files.computeIfAbsent(name, n -> new ArrayList<>(List.of(header)));
        }

        void institutions(List<Institution> list) {
            List<String> rows = file("institutions.csv", "institution",
                    "institution_code,name,province_code,city,authority,level,ownership,founded_year");
            for (Institution i : list) {
                rows.add(String.join(",", i.code(), quote(i.name()), i.province(), quote(i.city()),
                        quote(i.authority()), i.level(), i.ownership(),
                        String.valueOf(1950 + random.nextInt(72))));
            }
        }

        void enterprises(String province, List<String> known, int count) {
            List<String> rows = file("enterprises.csv", "enterprise", "uscc,name,ownership,size,industry_code,region_code");
            String[] ownerships = {"private", "private", "private", "soe", "foreign", "collective", "other"};
            String[] sizes = {"micro", "small", "small", "medium", "large"};
            for (int i = 0; i < Math.max(count, known.isEmpty() ? 3 : 0); i++) {
                String uscc = uscc(province);
                known.add(uscc);
                rows.add(String.join(",", uscc, "企业" + uscc.substring(10, 16), pick(ownerships), pick(sizes),
                        String.valueOf((char) ('A' + random.nextInt(20))), province + "01"));
            }
        }

        void fairs(String province, List<Institution> hosts, int count) {
            List<String> rows = file("fairs.csv", "fair", "fair_id,name,start_date,end_date,fair_type,channel,"
                    + "host_institution_code,region_code,employers,posts,positions,attendees");
            String[] types = {"campus", "campus", "regional", "industry", "sme_network"};
            String[] channels = {"offline", "online", "hybrid"};
            for (int i = 0; i < count; i++) {
                Institution host = hosts.get(random.nextInt(hosts.size()));
                int employers = 5 + random.nextInt(60);
                rows.add(String.join(",", "F" + date.toString().replace("-", "") + "-" + i,
                        "\"" + host.name() + "专场招聘会, 第" + (i + 1) + "场\"", date.toString(), date.toString(),
                        pick(types), pick(channels), host.code(), province, String.valueOf(employers),
                        String.valueOf(employers * (10 + random.nextInt(10))), String.valueOf(employers * 30),
                        String.valueOf(100 + random.nextInt(900))));
            }
        }

        void visits(List<Institution> list, List<String> employers, int count) {
            List<String> rows = file("visits.csv", "visit", "visit_id,visit_date,institution_code,visitor_role,"
                    + "enterprise_uscc,new_partner,posts_opened,agreement_signed");
            String[] roles = {"party_secretary", "president", "leadership", "department"};
            for (int i = 0; i < count; i++) {
                rows.add(String.join(",", "V" + date.toString().replace("-", "") + "-" + i, date.toString(),
                        list.get(random.nextInt(list.size())).code(), pick(roles),
                        employers.get(random.nextInt(employers.size())), random.nextBoolean() ? "是" : "否",
                        String.valueOf(random.nextInt(30)), String.valueOf(random.nextBoolean())));
            }
        }

        List<String[]> posts(String province, List<String> employers, int count) {
            List<String> rows = file("posts.csv", "post", "post_id,published_date,enterprise_uscc,title,industry_code,"
                    + "work_region_code,headcount,salary_min,salary_max,education_min,policy_program,origin_platform,"
                    + "origin_post_id");
            String[] programs = {"none", "none", "none", "none", "tegang", "xibu", "sanzhi_yifu"};
            List<String[]> shared = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "P" + date.toString().replace("-", "") + "-" + i;
                int min = 3000 + random.nextInt(5000);
                String[] row = {id, date.toString(), employers.get(random.nextInt(employers.size())), "岗位" + i, "",
                        province + "01", String.valueOf(1 + random.nextInt(5)), String.valueOf(min),
                        String.valueOf(min + random.nextInt(4000)), "bachelor", pick(programs), sourceId, id};
                rows.add(String.join(",", row));
                if (random.nextInt(3) == 0) {
                    shared.add(row);
                }
            }
            return shared;
        }

        void relist(List<String[]> shared) {
            List<String> rows = file("posts.csv", "post", "post_id,published_date,enterprise_uscc,title,industry_code,"
                    + "work_region_code,headcount,salary_min,salary_max,education_min,policy_program,origin_platform,"
                    + "origin_post_id");
            for (String[] row : shared) {
                String[] copy = row.clone();
                copy[0] = "N-" + row[11] + "-" + row[0];
                rows.add(String.join(",", copy));
            }
        }

        void graduates(List<Institution> list, int count) {
            List<String> rows = file("graduates.csv", "graduate", "id_number,name,phone,institution_code,cohort,"
                    + "education_level,major_code,difficulty,destination,destination_date");
            String[] destinations = {"unplaced", "employed", "employed", "further_study", "flexible"};
            for (int i = 0; i < count; i++) {
                Institution institution = list.get(random.nextInt(list.size()));
                String difficulty = random.nextInt(10) == 0 ? "low_income" : "";
                rows.add(String.join(",", idNumber(institution.province()), "学生" + i,
                        "138" + String.format("%08d", random.nextInt(100_000_000)), institution.code(),
                        String.valueOf(date.getYear()), institution.level().equals("vocational") ? "vocational" : "bachelor",
                        "080901", difficulty, pick(destinations), ""));
            }
        }

        void services(List<Institution> list, int count) {
            List<String> rows = file("services.csv", "service", "service_id,service_date,id_number,institution_code,"
                    + "service_type,post_origin_platform,post_origin_id,program,hours");
            for (int i = 0; i < count; i++) {
                Institution institution = list.get(random.nextInt(list.size()));
                boolean push = random.nextInt(3) == 0;
                rows.add(String.join(",", "S" + date.toString().replace("-", "") + "-" + i, date.toString(),
                        idNumber(institution.province()), institution.code(), push ? "post_push" : "guidance",
                        push ? sourceId : "", push ? "P" + date.toString().replace("-", "") + "-" + i : "", "",
                        push ? "" : "1.5"));
            }
        }

        void write() throws IOException {
            String base = sourceId + "_" + date.toString().replace("-", "") + "_1";
            StringBuilder manifest = new StringBuilder("{\"schema_version\":\"1\",\"source_id\":\"" + sourceId
                    + "\",\"business_date\":\"" + date + "\",\"sequence\":1,\"encoding\":\"UTF-8\",\"generated_at\":\""
                    + date + "T23:10:00+08:00\",\"files\":[");
            Map<String, byte[]> contents = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> file : files.entrySet()) {
                byte[] bytes = (String.join("\n", file.getValue()) + "\n").getBytes(StandardCharsets.UTF_8);
                contents.put(file.getKey(), bytes);
                manifest.append(contents.size() > 1 ? "," : "").append("{\"name\":\"").append(file.getKey())
                        .append("\",\"entity\":\"").append(entities.get(file.getKey()))
                        .append("\",\"format\":\"csv\",\"rows\":").append(file.getValue().size() - 1)
                        .append(",\"sha256\":\"").append(sha256(bytes)).append("\"}");
            }
            manifest.append("]}");
            Path partial = out.resolve("." + base + ".zip.partial");
            try (OutputStream stream = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(stream)) {
                zip.putNextEntry(new ZipEntry("manifest.json"));
                zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<String, byte[]> content : contents.entrySet()) {
                    zip.putNextEntry(new ZipEntry(content.getKey()));
                    zip.write(content.getValue());
                }
            }
            Files.move(partial, out.resolve(base + ".zip"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }

        private String pick(String[] values) {
            return values[random.nextInt(values.length)];
        }
    }

    private static String quote(String text) {
        return text == null ? "" : text.contains(",") || text.contains("\"") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
