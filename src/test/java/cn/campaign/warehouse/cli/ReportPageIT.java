package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.campaign.warehouse.testing.DeliveryFixture;
import cn.campaign.warehouse.testing.HeadlessChromium;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.html} opened in a real headless Chromium with no network: it renders without a console message, in
 * Chinese, and every chart holds the values of the snapshot's CSVs (read back from what the charts hold).
 */
class ReportPageIT {

    private static final String AS_OF = "2023-05-03";
    private static final String CAMPAIGN = "2023-sprint";

    @TempDir
    static Path temp;
    static Path snapshot;
    static HeadlessChromium.Page page;
    static JsonNode charts;

    @BeforeAll
    static void publishAGeneratedCampaignAndOpenItsPage() throws Exception {
        CliHarness cli = new CliHarness(temp, "inbox.settle.seconds=0\n");
        assertThat(cli.run("generate", "--out", cli.inbox.toString(), "--scale", "0.002", "--from", "2023-05-01",
                "--days", "3")).isZero();
        assertThat(cli.load()).isZero();
        assertThat(cli.run("publish", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--as-of", AS_OF, "--out", temp.resolve("publish").toString())).isZero();
        snapshot = temp.resolve("publish").resolve(AS_OF);
        HeadlessChromium chromium = new HeadlessChromium(temp.resolve("profile"));
        page = chromium.open(snapshot.resolve("report.html"));
        Files.createDirectories(Path.of("target"));
        chromium.screenshot(snapshot.resolve("report.html"), Path.of("target/report-page.png"), 1100, 2400);
        Matcher rendered = Pattern.compile("<script type=\"application/json\" id=\"rendered-charts\">(.*?)</script>",
                Pattern.DOTALL).matcher(page.dom());
        assertThat(rendered.find()).as("the page's script ran to its end").isTrue();
        charts = new ObjectMapper().readTree(rendered.group(1));
    }

    @Test
    void rendersOfflineWithoutAConsoleMessageInChinese() {
        assertThat(page.console()).isEmpty();
        assertThat(page.dom()).contains("data-rendered=\"true\"", "<pre id=\"errors\"></pre>",
                "高校毕业生就业促进活动统计报告", "2023届高校毕业生就业百日冲刺", "主要数据", "河南省");
        assertThat(Path.of("target/report-page.png")).isNotEmptyFile();
    }

    @Test
    void everyChartIsDrawn() {
        // then each chart's container holds the SVG the chart library drew into it
        Matcher containers = Pattern.compile("<div id=\"([^\"]+)\" class=\"chart[^\"]*\" data-chart=\"[^\"]*\"[^>]*>"
                + "(.*?)</svg>", Pattern.DOTALL).matcher(page.dom());
        List<String> drawn = new ArrayList<>();
        while (containers.find()) {
            assertThat(containers.group(2)).as(containers.group(1)).contains("<svg", "<path");
            drawn.add(containers.group(1));
        }
        List<String> declared = new ArrayList<>();
        charts.fieldNames().forEachRemaining(declared::add);
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(declared).contains("progress-0", "daily-" + AS_OF, "rank-posts-0", "targets-0");
    }

    @Test
    void theProgressChartHoldsCumulativeProgress() throws Exception {
        List<List<String>> csv = rowsOf("cumulative_progress.csv", "campaign_id", CAMPAIGN);
        JsonNode chart = charts.get("progress-0");
        assertThat(texts(chart.get("categories"))).containsExactlyElementsOf(column(csv, "cumulative_progress.csv",
                "date"));
        for (String measure : List.of("fairs", "posts", "visits", "posts_opened", "graduates_served")) {
            assertThat(numbers(series(chart, measure))).as(measure)
                    .containsExactlyElementsOf(column(csv, "cumulative_progress.csv", measure).stream()
                            .map(Double::parseDouble).toList());
        }
    }

    @Test
    void theDailyChartAndRankingsHoldTheDailyReport() throws Exception {
        List<String> header = csv("daily_region_report.csv").get(0);
        List<List<String>> today = rowsOf("daily_region_report.csv", "report_date", AS_OF);
        JsonNode daily = charts.get("daily-" + AS_OF);
        assertThat(texts(daily.get("categories"))).containsExactlyElementsOf(column(today, "daily_region_report.csv",
                "province_name"));
        for (String measure : List.of("posts", "services")) {
            assertThat(numbers(series(daily, measure))).as(measure).containsExactlyElementsOf(
                    column(today, "daily_region_report.csv", measure).stream().map(Double::parseDouble).toList());
        }
        for (String measure : List.of("fairs", "posts", "visits", "services")) {
            Map<String, Double> sums = new TreeMap<>();
            for (List<String> row : csv("daily_region_report.csv").subList(1, csv("daily_region_report.csv").size())) {
                sums.merge(row.get(header.indexOf("province_name")),
                        Double.parseDouble(row.get(header.indexOf(measure))), Double::sum);
            }
            JsonNode ranking = charts.get("rank-" + measure + "-0");
            Map<String, Double> shown = new LinkedHashMap<>();
            List<String> provinces = texts(ranking.get("categories"));
            List<Double> values = numbers(series(ranking, measure));
            for (int i = 0; i < provinces.size(); i++) {
                shown.put(provinces.get(i), values.get(i));
            }
            assertThat(new TreeMap<>(shown)).as(measure).isEqualTo(sums);
            assertThat(values).as(measure + " ranked, the largest at the top of the chart").isSorted();
        }
    }

    @Test
    void theTargetsChartHoldsTheShareOfInstitutionsMeetingTheVisitTarget() throws Exception {
        List<String> header = csv("institution_visit_compliance.csv").get(0);
        Map<String, int[]> byProvince = new TreeMap<>();
        for (List<String> row : rowsOf("institution_visit_compliance.csv", "campaign_id", CAMPAIGN)) {
            int[] tally = byProvince.computeIfAbsent(row.get(header.indexOf("province_code")), code -> new int[2]);
            if (row.get(header.indexOf("visit_target_applies")).equals("true")) {
                tally[1]++;
                tally[0] += row.get(header.indexOf("visit_target_met")).equals("true") ? 1 : 0;
            }
        }
        JsonNode targets = charts.get("targets-0");
        List<JsonNode> shares = new ArrayList<>();
        series(targets, "visit_target_met_share").forEach(shares::add);
        assertThat(shares).hasSize(byProvince.size());
        int i = 0;
        for (int[] tally : byProvince.values()) {
            if (tally[1] == 0) {
                assertThat(shares.get(i).isNull()).isTrue();
            } else {
                assertThat(shares.get(i).asDouble()).isCloseTo((double) tally[0] / tally[1], within(1e-6));
            }
            i++;
        }
    }

    @Test
    void aOneDaySnapshotOfTenProvincesRendersToo(@TempDir Path small) throws Exception {
        // given one fair in each of ten provinces on one day, and nothing else
        CliHarness cli = new CliHarness(small, "inbox.settle.seconds=0\n");
        List<String> provinces = List.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32");
        for (String province : provinces) {
            new DeliveryFixture("PROV-" + province, "2022-05-09", 1, StandardCharsets.UTF_8)
                    .file("fairs.csv", "fair", "fair_id,name,start_date,fair_type,channel,region_code,employers,"
                            + "posts,attendees\nF1,双选会,2022-05-09,campus,offline," + province + "01,10,10,50\n")
                    .writeZip(cli.inbox, "PROV-" + province + "_20220509_1.zip");
        }
        assertThat(cli.load()).isZero();
        assertThat(cli.run("publish", "--warehouse", cli.warehouse.toString(), "--jobs", cli.jobs.toString(),
                "--as-of", "2022-05-09", "--out", small.resolve("publish").toString())).isZero();

        // when
        HeadlessChromium.Page opened = new HeadlessChromium(small.resolve("profile"))
                .open(small.resolve("publish/2022-05-09/report.html"));

        // then
        assertThat(opened.console()).isEmpty();
        assertThat(opened.dom()).contains("data-rendered=\"true\"", "<pre id=\"errors\"></pre>");
        Matcher rendered = Pattern.compile("id=\"rendered-charts\">(.*?)</script>", Pattern.DOTALL)
                .matcher(opened.dom());
        assertThat(rendered.find()).isTrue();
        JsonNode fairs = new ObjectMapper().readTree(rendered.group(1)).get("rank-fairs-0");
        Map<String, Double> byProvince = new TreeMap<>();
        List<Double> values = numbers(series(fairs, "fairs"));
        for (int i = 0; i < values.size(); i++) {
            byProvince.put(fairs.get("categories").get(i).asText(), values.get(i));
        }
        assertThat(byProvince).hasSize(10).containsEntry("北京市", 1.0).containsEntry("江苏省", 1.0);
        assertThat(values.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(10.0);
    }

    private static JsonNode series(JsonNode chart, String id) {
        for (JsonNode series : chart.get("series")) {
            if (series.get("id").asText().equals(id)) {
                return series.get("data");
            }
        }
        throw new AssertionError(chart.get("title") + " has no series " + id);
    }

    private static List<String> texts(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static List<Double> numbers(JsonNode values) {
        List<Double> numbers = new ArrayList<>();
        values.forEach(value -> numbers.add(value.asDouble()));
        return numbers;
    }

    private List<List<String>> csv(String file) throws Exception {
        return SnapshotDocumentsIT.readCsv(snapshot.resolve(file));
    }

    private List<List<String>> rowsOf(String file, String column, String value) throws Exception {
        List<List<String>> lines = csv(file);
        int at = lines.get(0).indexOf(column);
        return lines.subList(1, lines.size()).stream().filter(line -> line.get(at).equals(value)).toList();
    }

    private List<String> column(List<List<String>> rows, String file, String column) throws Exception {
        int at = csv(file).get(0).indexOf(column);
        return rows.stream().map(row -> row.get(at)).toList();
    }
}
