package cn.campaign.warehouse.generate;

import cn.campaign.warehouse.validate.Codes;
import cn.campaign.warehouse.validate.Entity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic campaign that follows the export contract: one archive per province and night, and one from
 * the national platform (national online fairs, and a share of the provinces' posts listed again). Scale 1.0 is the
 * 2023 sprint as reported: every planted figure below comes out exactly in the headline report view (each scaled
 * and rounded at smaller scales), however it is spread over provinces (by their number of institutions), nights
 * (fewer at weekends, a spike in the promotion week) and events. Deterministic for a seed; files are streamed, so
 * memory does not depend on the scale.
 */
public final class CampaignGenerator {

    static final long FAIRS = 64_000;
    static final long NATIONAL_FAIRS = 30;
    static final long FAIR_EMPLOYERS = 790_000;
    static final long NATIONAL_FAIR_EMPLOYERS = 80_000;
    static final long FAIR_POSTS = 12_300_000;
    static final long NATIONAL_FAIR_POSTS = 1_200_000;
    static final long FAIR_ATTENDEES = 10_000_000;
    static final long NATIONAL_FAIR_ATTENDEES = 740_000;
    static final long VISITING_INSTITUTIONS = 2_600;
    static final long ENTERPRISES_VISITED = 236_000;
    static final long VISITS = 240_000;
    static final long POSTS_OPENED = 2_900_000;
    static final long GRADUATES = 10_760_000;
    static final long POSTS = 12_000_000;
    static final long EMPLOYERS = 790_000;
    static final long SERVICES = 20_000_000;
    static final long HONGZHI_TRAINED = 94_000;

    private static final double NATIONAL_RELIST_SHARE = 0.4;
    private static final double NEIGHBOUR_RELIST_SHARE = 0.15;
    private static final String[] FAIR_TYPES = {"campus", "campus", "campus", "regional", "industry", "alliance",
            "sme_network", "other"};
    private static final String[] CHANNELS = {"offline", "offline", "online", "hybrid"};
    private static final String[] ROLES = {"party_secretary", "president", "leadership", "leadership", "department"};
    private static final String[] OWNERSHIPS = {"private", "private", "private", "soe", "foreign", "collective",
            "public_institution", "other"};
    private static final String[] SIZES = {"micro", "small", "small", "medium", "large"};
    private static final String[] PROGRAMS = {"none", "none", "none", "none", "none", "none", "tegang", "xibu",
            "sanzhi_yifu", "community", "rural_doctor"};
    private static final String[] EDUCATION = {"any", "vocational", "bachelor", "bachelor", "master"};
    private static final String[] DIFFICULTY = {"low_income", "disabled", "zero_employment_family",
            "poverty_alleviated", "minimum_living", "other"};
    private static final String[] DESTINATIONS = {"employed", "employed", "employed", "further_study", "flexible",
            "entrepreneurship", "military", "grassroots_project", "abroad"};
    private static final String[] SERVICE_TYPES = {"guidance", "guidance", "resume_review", "mock_interview",
            "counselling", "policy", "assistance"};

    private final Path out;
    private final double scale;
    private final LocalDate from;
    private final int days;
    private final long seed;
    private final List<Province> provinces = new ArrayList<>();
    private final String[] stamps;

    record Institution(String code, String name, String province, String city, String authority, String level,
                       String ownership) {
    }

    public CampaignGenerator(Path out, double scale, LocalDate from, int days, long seed, Path referenceDir)
            throws IOException {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1");
        }
        this.out = out;
        this.scale = scale;
        this.from = from;
        this.days = days;
        this.seed = seed;
        this.stamps = new String[days];
        for (int d = 0; d < days; d++) {
            stamps[d] = compact(from.plusDays(d));
        }
        plan(InstitutionList.load(referenceDir, new java.util.Random(seed)));
    }

    /** Writes the archives; returns how many. */
    public int generate() throws IOException {
        Files.createDirectories(out);
        int archives = 0;
        for (int day = 0; day < days; day++) {
            LocalDate date = from.plusDays(day);
            Map<String, DeliveryWriter> writers = new LinkedHashMap<>();
            for (Province province : provinces) {
                writers.put(province.code, new DeliveryWriter(out, "PROV-" + province.code, date));
            }
            DeliveryWriter national = new DeliveryWriter(out, "NATL-24365", date);
            for (int p = 0; p < provinces.size(); p++) {
                Province province = provinces.get(p);
                Province neighbour = provinces.get((p + 1) % provinces.size());
                new NightOfProvince(province, day, date, writers.get(province.code), national,
                        writers.get(neighbour.code)).write();
            }
            nationalFairs(day, date, national);
            for (DeliveryWriter writer : writers.values()) {
                archives += writer.finish() ? 1 : 0;
            }
            archives += national.finish() ? 1 : 0;
        }
        return archives;
    }

    private long scaled(long figure) {
        return Math.round(figure * scale);
    }

    /** Spreads every planted figure over provinces and nights before anything is written. */
    private void plan(List<Institution> all) {
        Map<String, List<Institution>> byProvince = new LinkedHashMap<>();
        for (String code : Codes.provinceCodes()) {
            byProvince.put(code, new ArrayList<>());
        }
        for (Institution institution : all) {
            byProvince.get(institution.province()).add(institution);
        }
        double[] size = byProvince.values().stream().mapToDouble(list -> Math.max(list.size(), 1)).toArray();
        long[] used = Quota.split(Math.max(Math.round(all.size() * Math.min(scale, 1.0)), size.length), size);
        int index = 0;
        for (Map.Entry<String, List<Institution>> entry : byProvince.entrySet()) {
            List<Institution> list = entry.getValue();
            int take = (int) Math.max(1, Math.min(used[index], list.size()));
            provinces.add(new Province(entry.getKey(), index++, list.subList(0, Math.min(take, list.size()))));
        }
        long[] institutions = provinces.stream().mapToLong(p -> p.institutions.size()).toArray();
        long[] visiting = Quota.split(Math.min(scaled(VISITING_INSTITUTIONS), sum(institutions)), institutions);
        long[] enterprisesVisited = Quota.split(scaled(ENTERPRISES_VISITED), visiting);
        long[] visits = Quota.split(scaled(VISITS), visiting);
        long[] fairs = Quota.split(scaled(FAIRS), institutions);
        long[] graduates = Quota.split(scaled(GRADUATES), institutions);
        long[] posts = Quota.split(scaled(POSTS), institutions);
        long[] employers = Quota.split(scaled(EMPLOYERS), institutions);
        double[] nights = nightWeights(0);
        int rosterNights = Math.max(1, Math.min(10, days / 3));
        double[] rosterWeights = new double[days];
        Arrays.fill(rosterWeights, 0, rosterNights, 1);
        int firstServiceNight = Math.min(rosterNights, days - 1);
        double[] serviceWeights = nightWeights(firstServiceNight);
        for (int p = 0; p < provinces.size(); p++) {
            Province province = provinces.get(p);
            province.visiting = (int) Math.min(visiting[p], province.institutions.size());
            province.enterprisesVisited = enterprisesVisited[p];
            visits[p] = province.visiting == 0 ? 0
                    : Math.max(visits[p], Math.max(enterprisesVisited[p], province.visiting));
            province.graduates = graduates[p];
            province.employers = Math.max(Math.max(employers[p], enterprisesVisited[p]), 1);
            province.fairs = Quota.split(fairs[p], nights);
            province.visits = Quota.split(visits[p], nights);
            province.posts = Quota.split(posts[p], nights);
            province.postsThrough = new long[days];
            for (int d = 0; d < days; d++) {
                province.postsThrough[d] = (d == 0 ? 0 : province.postsThrough[d - 1]) + province.posts[d];
            }
            province.roster = Quota.split(graduates[p], rosterWeights);
            long inDifficulty = (graduates[p] + 6) / 10;
            province.pushed = Quota.split(inDifficulty, serviceWeights);
            province.enterpriseMasters = Quota.split(province.employers, flat());
        }
        long[] fairsPerProvince = provinces.stream().mapToLong(p -> sum(p.fairs)).toArray();
        long[] visitsPerProvince = provinces.stream().mapToLong(p -> sum(p.visits)).toArray();
        long[] graduatesPerProvince = provinces.stream().mapToLong(p -> p.graduates).toArray();
        long[] fairEmployers = Quota.split(scaled(FAIR_EMPLOYERS), fairsPerProvince);
        long[] fairPosts = Quota.split(scaled(FAIR_POSTS), fairsPerProvince);
        long[] fairAttendees = Quota.split(scaled(FAIR_ATTENDEES), fairsPerProvince);
        long[] postsOpened = Quota.split(scaled(POSTS_OPENED), visitsPerProvince);
        long[] difficulty = provinces.stream().mapToLong(p -> (p.graduates + 6) / 10).toArray();
        long[] trained = Quota.split(Math.min(scaled(HONGZHI_TRAINED), sum(difficulty)), difficulty);
        long pushes = 0;
        for (long count : difficulty) {
            pushes += 3 * count - (count + 9) / 10;
        }
        long[] otherServices = Quota.split(Math.max(0, scaled(SERVICES) - pushes - sum(trained)), graduatesPerProvince);
        for (int p = 0; p < provinces.size(); p++) {
            Province province = provinces.get(p);
            province.fairEmployers = Quota.split(fairEmployers[p], province.fairs);
            province.fairPosts = Quota.split(fairPosts[p], province.fairs);
            province.fairAttendees = Quota.split(fairAttendees[p], province.fairs);
            province.postsOpened = Quota.split(postsOpened[p], province.visits);
            province.trained = Quota.split(trained[p], serviceWeights);
            province.otherServices = Quota.split(otherServices[p], serviceWeights);
        }
    }

    /** Fewer events at weekends, three times as many in the promotion week (the run's second week). */
    private double[] nightWeights(int firstNight) {
        double[] weights = new double[days];
        for (int day = firstNight; day < days; day++) {
            DayOfWeek weekday = from.plusDays(day).getDayOfWeek();
            double weight = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 0.5 : 1.0;
            weights[day] = days > 14 && day >= 7 && day < 14 ? 3 * weight : weight;
        }
        return weights;
    }

    private double[] flat() {
        double[] weights = new double[days];
        Arrays.fill(weights, 1);
        return weights;
    }

    private void nationalFairs(int day, LocalDate date, DeliveryWriter national) throws IOException {
        long[] fairs = Quota.split(scaled(NATIONAL_FAIRS), nightWeights(0));
        if (fairs[day] == 0) {
            return;
        }
        long[] employers = Quota.split(scaled(NATIONAL_FAIR_EMPLOYERS), fairs);
        long[] posts = Quota.split(scaled(NATIONAL_FAIR_POSTS), fairs);
        long[] attendees = Quota.split(scaled(NATIONAL_FAIR_ATTENDEES), fairs);
        SplittableRandom random = new SplittableRandom(seed * 31 + day);
        double[] shares = randomWeights(random, (int) fairs[day]);
        long[] e = Quota.split(employers[day], shares);
        long[] p = Quota.split(posts[day], shares);
        long[] a = Quota.split(attendees[day], shares);
        DeliveryWriter.EntityFile file = national.file(Entity.FAIR);
        EntityRow fairRow = new EntityRow(Entity.FAIR);
        for (int i = 0; i < fairs[day]; i++) {
            file.row(fairRow.set("fair_id", "NF" + compact(date) + "-" + i)
                    .set("name", "国聘行动 全国大学生就业双选会, 第" + (i + 1) + "场").set("start_date", date)
                    .set("end_date", date.plusDays(6)).set("fair_type", "national_series").set("channel", "online")
                    .set("region_code", "11").set("employers", e[i]).set("posts", p[i]).set("positions", p[i] * 2)
                    .set("attendees", a[i]));
        }
    }

    private static double[] randomWeights(SplittableRandom random, int count) {
        double[] weights = new double[count];
        for (int i = 0; i < count; i++) {
            weights[i] = 0.5 + random.nextDouble();
        }
        return weights;
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long value : values) {
            total += value;
        }
        return total;
    }

    static String compact(LocalDate date) {
        return date.toString().replace("-", "");
    }

    /** One province's plan: its institutions, and what it delivers night by night. */
    private static final class Province {
        final String code;
        final int index;
        final List<Institution> institutions;
        int visiting;
        long enterprisesVisited;
        long graduates;
        long employers;
        long[] fairs;
        long[] fairEmployers;
        long[] fairPosts;
        long[] fairAttendees;
        long[] visits;
        long[] postsOpened;
        long[] posts;
        /** Posts published up to and including each night, for finding a post to push by its number. */
        long[] postsThrough;
        long[] roster;
        long[] pushed;
        long[] trained;
        long[] otherServices;
        long[] enterpriseMasters;
        long enterprisesDelivered;

        Province(String code, int index, List<Institution> institutions) {
            this.code = code;
            this.index = index;
            this.institutions = institutions;
        }

        long before(long[] perNight, int day) {
            long total = 0;
            for (int d = 0; d < day; d++) {
                total += perNight[d];
            }
            return total;
        }
    }

    /** Everything one province delivers for one night. */
    private final class NightOfProvince {
        private final Province province;
        private final int day;
        private final LocalDate date;
        private final String stamp;
        private final DeliveryWriter writer;
        private final DeliveryWriter national;
        private final DeliveryWriter neighbour;
        private final SplittableRandom random;
        private final EntityRow institutionRow = new EntityRow(Entity.INSTITUTION);
        private final EntityRow enterpriseRow = new EntityRow(Entity.ENTERPRISE);
        private final EntityRow fairRow = new EntityRow(Entity.FAIR);
        private final EntityRow visitRow = new EntityRow(Entity.VISIT);
        private final EntityRow postRow = new EntityRow(Entity.POST);
        private final EntityRow graduateRow = new EntityRow(Entity.GRADUATE);
        private final EntityRow serviceRow = new EntityRow(Entity.SERVICE);

        NightOfProvince(Province province, int day, LocalDate date, DeliveryWriter writer, DeliveryWriter national,
                        DeliveryWriter neighbour) {
            this.province = province;
            this.day = day;
            this.date = date;
            this.stamp = compact(date);
            this.writer = writer;
            this.national = national;
            this.neighbour = neighbour;
            this.random = new SplittableRandom(seed * 1_000_003L + province.index * 7919L + day);
        }

        void write() throws IOException {
            if (day == 0) {
                institutions();
            }
            enterprises();
            fairs();
            visits();
            posts();
            graduates();
            services();
        }

        private void institutions() throws IOException {
            DeliveryWriter.EntityFile file = writer.file(Entity.INSTITUTION);
            for (Institution i : province.institutions) {
                file.row(institutionRow.set("institution_code", i.code()).set("name", i.name())
                        .set("province_code", i.province()).set("city", i.city()).set("authority", i.authority())
                        .set("level", i.level()).set("ownership", i.ownership())
                        .set("founded_year", 1950 + random.nextInt(72)));
            }
        }

        /** Master records up to the night's share, and every employer the night's visits name for the first time. */
        private void enterprises() throws IOException {
            long due = province.before(province.enterpriseMasters, day + 1);
            long visitedBy = Math.min(province.before(province.visits, day + 1), province.enterprisesVisited);
            long upTo = Math.max(due, visitedBy);
            if (upTo <= province.enterprisesDelivered) {
                return;
            }
            DeliveryWriter.EntityFile file = writer.file(Entity.ENTERPRISE);
            for (long e = province.enterprisesDelivered; e < upTo; e++) {
                String uscc = Identities.uscc(province.code, e);
                file.row(enterpriseRow.set("uscc", uscc).set("name", "企业" + uscc.substring(10, 17))
                        .set("ownership", pick(OWNERSHIPS)).set("size", pick(SIZES))
                        .set("industry_code", (char) ('A' + random.nextInt(20)))
                        .set("region_code", province.code + "01"));
            }
            province.enterprisesDelivered = upTo;
        }

        private void fairs() throws IOException {
            int count = (int) province.fairs[day];
            if (count == 0) {
                return;
            }
            double[] shares = randomWeights(random, count);
            long[] employers = Quota.split(province.fairEmployers[day], shares);
            long[] posts = Quota.split(province.fairPosts[day], shares);
            long[] attendees = Quota.split(province.fairAttendees[day], shares);
            DeliveryWriter.EntityFile file = writer.file(Entity.FAIR);
            for (int i = 0; i < count; i++) {
                Institution host = province.institutions.get(random.nextInt(province.institutions.size()));
                file.row(fairRow.set("fair_id", "F" + stamp + "-" + i).set("name", host.name() + "专场招聘会, 第" + (i + 1)
                        + "场").set("start_date", date).set("end_date", date).set("fair_type", pick(FAIR_TYPES))
                        .set("channel", pick(CHANNELS)).set("host_institution_code", host.code())
                        .set("region_code", province.code + "01").set("employers", employers[i])
                        .set("posts", posts[i]).set("positions", posts[i] * 2).set("attendees", attendees[i]));
            }
        }

        /** The first visits reach every visiting institution and every visited employer once; later ones repeat. */
        private void visits() throws IOException {
            int count = (int) province.visits[day];
            if (count == 0) {
                return;
            }
            long first = province.before(province.visits, day);
            long[] opened = Quota.split(province.postsOpened[day], randomWeights(random, count));
            DeliveryWriter.EntityFile file = writer.file(Entity.VISIT);
            for (int i = 0; i < count; i++) {
                long j = first + i;
                Institution visiting = province.institutions.get((int) (j < province.visiting ? j
                        : random.nextInt(province.visiting)));
                long visited = j < province.enterprisesVisited ? j : random.nextLong(province.enterprisesVisited);
                file.row(visitRow.set("visit_id", "V" + stamp + "-" + i).set("visit_date", date)
                        .set("institution_code", visiting.code()).set("visitor_role", pick(ROLES))
                        .set("enterprise_uscc", Identities.uscc(province.code, visited))
                        .set("new_partner", random.nextInt(3) == 0 ? "是" : "否").set("posts_opened", opened[i])
                        .set("agreement_signed", random.nextBoolean()));
            }
        }

        /** Each post is the province's own; the national platform and the neighbouring province list some again. */
        private void posts() throws IOException {
            int count = (int) province.posts[day];
            if (count == 0) {
                return;
            }
            long employersKnown = Math.max(1, province.enterprisesDelivered);
            DeliveryWriter.EntityFile own = writer.file(Entity.POST);
            DeliveryWriter.EntityFile relisted = national.file(Entity.POST);
            DeliveryWriter.EntityFile nearby = neighbour.file(Entity.POST);
            for (int n = 0; n < count; n++) {
                int minimum = 3000 + random.nextInt(5000);
                String id = "P" + stamp + "-" + n;
                String employer = Identities.uscc(province.code, random.nextLong(employersKnown));
                String title = "岗位" + n;
                String industry = random.nextInt(4) == 0 ? null : String.valueOf((char) ('A' + random.nextInt(20)));
                int headcount = 1 + random.nextInt(5);
                int maximum = minimum + random.nextInt(4000);
                String education = pick(EDUCATION);
                String program = pick(PROGRAMS);
                // the same post as each platform lists it: only the listing's own id differs
                java.util.function.Function<String, EntityRow> listing = postId -> postRow.set("post_id", postId)
                        .set("published_date", date).set("enterprise_uscc", employer).set("title", title)
                        .set("industry_code", industry).set("work_region_code", province.code + "01")
                        .set("headcount", headcount).set("salary_min", minimum).set("salary_max", maximum)
                        .set("education_min", education).set("policy_program", program)
                        .set("origin_platform", "PROV-" + province.code).set("origin_post_id", id);
                own.row(listing.apply(id));
                if (random.nextDouble() < NATIONAL_RELIST_SHARE) {
                    relisted.row(listing.apply("N-" + province.code + "-" + id));
                }
                if (random.nextDouble() < NEIGHBOUR_RELIST_SHARE && neighbour != writer) {
                    nearby.row(listing.apply("R-" + province.code + "-" + id));
                }
            }
        }

        private void graduates() throws IOException {
            int count = (int) province.roster[day];
            if (count == 0) {
                return;
            }
            long first = province.before(province.roster, day);
            DeliveryWriter.EntityFile file = writer.file(Entity.GRADUATE);
            for (long i = first; i < first + count; i++) {
                Institution school = institutionOf(i);
                file.row(graduateRow.set("id_number", Identities.idNumber(province.code, from.getYear(), i))
                        .set("name", "学生" + i)
                        .set("phone", "138" + String.format("%08d", random.nextInt(100_000_000)))
                        .set("institution_code", school.code()).set("cohort", from.getYear())
                        .set("education_level", school.level().equals("vocational") ? "vocational" : "bachelor")
                        .set("major_code", "080901")
                        .set("difficulty", i % 10 == 3 ? DIFFICULTY[(int) (i / 10 % DIFFICULTY.length)] : null)
                        .set("destination", (i * 37) % 100 < 30 ? "unplaced" : pick(DESTINATIONS)));
            }
        }

        /**
         * Graduates in difficulty (every tenth of the roster) are pushed three distinct posts, every tenth of them
         * only two; the first of them are trained under hongzhi; the rest of the services go to anyone.
         */
        private void services() throws IOException {
            long pushed = province.pushed[day];
            long trained = province.trained[day];
            long others = province.otherServices[day];
            if (pushed + trained + others == 0) {
                return;
            }
            DeliveryWriter.EntityFile file = writer.file(Entity.SERVICE);
            long postsSoFar = province.before(province.posts, day + 1);
            int sequence = 0;
            long firstPushed = province.before(province.pushed, day);
            for (long k = firstPushed; k < firstPushed + pushed; k++) {
                long graduate = 10 * k + 3;
                int pushes = (int) Math.min(k % 10 == 0 ? 2 : 3, postsSoFar);
                for (int m = 0; m < pushes; m++) {
                    String pushedPost = postAt((k * 3 + m) % postsSoFar);
                    service(file, sequence++, graduate, "post_push", "PROV-" + province.code, pushedPost, null, null);
                }
            }
            long firstTrained = province.before(province.trained, day);
            for (long k = firstTrained; k < firstTrained + trained; k++) {
                service(file, sequence++, 10 * k + 3, "training", null, null, "hongzhi", "8");
            }
            for (long n = 0; n < others; n++) {
                service(file, sequence++, random.nextLong(province.graduates), pick(SERVICE_TYPES), null, null, null,
                        "1.5");
            }
        }

        private void service(DeliveryWriter.EntityFile file, int sequence, long graduate, String type,
                             String platform, String pushed, String program, String hours) throws IOException {
            file.row(serviceRow.set("service_id", "S" + stamp + "-" + sequence).set("service_date", date)
                    .set("id_number", Identities.idNumber(province.code, from.getYear(), graduate))
                    .set("institution_code", institutionOf(graduate).code()).set("service_type", type)
                    .set("post_origin_platform", platform).set("post_origin_id", pushed).set("program", program)
                    .set("hours", hours));
        }

        /** The m-th post the province has published so far, by its origin id (m below the posts up to tonight). */
        private String postAt(long m) {
            int night = Arrays.binarySearch(province.postsThrough, 0, day + 1, m + 1);
            night = night >= 0 ? night : -night - 1;
            while (night > 0 && province.postsThrough[night - 1] > m) {
                night--;
            }
            long before = night == 0 ? 0 : province.postsThrough[night - 1];
            return "P" + stamps[night] + "-" + (m - before);
        }

        private Institution institutionOf(long graduate) {
            return province.institutions.get((int) (graduate % province.institutions.size()));
        }

        private String pick(String[] values) {
            return values[random.nextInt(values.length)];
        }
    }
}
