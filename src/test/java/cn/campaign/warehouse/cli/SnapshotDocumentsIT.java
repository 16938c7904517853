package cn.campaign.warehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.campaign.warehouse.catalog.Model;
import cn.campaign.warehouse.catalog.Models;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documents a snapshot carries beside its CSVs, read back as their readers read them: {@code report.xlsx} with
 * POI cell by cell against the CSVs, {@code legend.csv} against every CSV header, and all of them byte-identical when
 * the same date is published again.
 */
class SnapshotDocumentsIT {

    private static final String INSTITUTION = "4141010001";
    private static final List<String> DOCUMENTS = List.of("legend.csv", "report.xlsx", "report.html");

    @TempDir
    Path temp;
    CliHarness cli;

    @BeforeEach
    void nightOne() throws Exception {
        cli = new CliHarness(temp, "");
        cli.deliverSmallInstitutionNight(INSTITUTION, "郑州职业学院", 1234);
        assertThat(cli.load()).isZero();
    }

    @Test
    void everyCellOfTheWorkbookIsTheCellOfItsCsv() throws Exception {
        // when
        Path snapshot = cli.publish("2022-05-09", temp.resolve("publish"));

        // then each view's sheet holds its CSV: captions over names, the same cells, names beside codes
        try (InputStream in = Files.newInputStream(snapshot.resolve("report.xlsx"));
             XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("说明 Cover");
            // sheets are named by their views' Chinese captions
            Map<String, String> viewOf = Models.published().stream()
                    .collect(Collectors.toMap(Model::caption, Model::name));
            Map<String, XSSFSheet> byView = new java.util.HashMap<>();
            for (int s = 1; s < workbook.getNumberOfSheets(); s++) {
                XSSFSheet sheet = workbook.getSheetAt(s);
                byView.put(viewOf.get(sheet.getSheetName()), sheet);
            }
            List<Path> csvs;
            try (var files = Files.list(snapshot)) {
                csvs = files.filter(f -> f.toString().endsWith(".csv") && !f.endsWith("legend.csv")).sorted()
                        .toList();
            }
            assertThat(byView.keySet()).containsExactlyInAnyOrderElementsOf(csvs.stream()
                    .map(f -> f.getFileName().toString().replace(".csv", "")).toList());
            for (Path csv : csvs) {
                XSSFSheet sheet = byView.get(csv.getFileName().toString().replace(".csv", ""));
                assertSheetHolds(sheet, readCsv(csv));
            }
            XSSFSheet compliance = byView.get("difficulty_push_compliance");
            Row first = compliance.getRow(2);
            assertThat(compliance.getRow(0).getCell(0).getStringCellValue()).isEqualTo("活动");
            assertThat(compliance.getRow(1).getCell(3).getStringCellValue()).isEqualTo("institution_name");
            assertThat(first.getCell(3).getStringCellValue()).isEqualTo("郑州职业学院");
            assertThat(compliance.getRow(1).getCell(5).getStringCellValue()).isEqualTo("province_name");
            assertThat(first.getCell(5).getStringCellValue()).isEqualTo("河南省");
            assertThat(first.getCell(6).getStringCellValue()).as("a suppressed count").isEqualTo("≤4");
            assertThat(compliance.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
            assertThat(compliance.getCTWorksheet().isSetAutoFilter()).isTrue();
            XSSFSheet totals = byView.get("campaign_totals");
            Cell posts = totals.getRow(2).getCell(header(totals, "fair_posts"));
            assertThat(new DataFormatter().formatCellValue(posts)).isEqualTo("1,234");
            XSSFSheet institutions = byView.get("institution_visit_compliance");
            Cell rate = institutions.getRow(2).getCell(header(institutions, "placement_rate"));
            assertThat(rate.getCellStyle().getDataFormatString()).isEqualTo("0.00%");
            assertThat(institutions.getRow(2).getCell(header(institutions, "newly_built")).getStringCellValue())
                    .isEqualTo("否");
            String cover = sheetText(workbook.getSheetAt(0));
            assertThat(cover).contains("统计截至 As of", "2022-05-09", "PROV-42", "小数保护",
                    "share_pushed_3plus", "推送3个以上岗位占比", "pushed_3plus over difficulty_graduates.");
        }
    }

    @Test
    void theLegendCaptionsEveryColumnOfEveryCsvInChinese() throws Exception {
        // when
        Path snapshot = cli.publish("2022-05-09", temp.resolve("publish"));

        // then
        List<List<String>> legend = readCsv(snapshot.resolve("legend.csv"));
        assertThat(legend.get(0)).containsExactly("file", "column", "caption", "meaning");
        Map<String, List<String>> byColumn = legend.stream().skip(1)
                .collect(Collectors.toMap(line -> line.get(0) + "." + line.get(1), line -> line));
        try (var files = Files.list(snapshot)) {
            for (Path csv : files.filter(f -> f.toString().endsWith(".csv") && !f.endsWith("legend.csv")).toList()) {
                for (String column : readCsv(csv).get(0)) {
                    List<String> line = byColumn.get(csv.getFileName() + "." + column);
                    assertThat(line).as(csv.getFileName() + "." + column).isNotNull();
                    assertThat(line.get(2)).as(column).matches(".*\\p{IsHan}.*");
                    assertThat(line.get(3)).as(column).isNotBlank();
                }
            }
        }
    }

    @Test
    void publishingTheSameDateAgainGivesTheSameDocumentsListedWithTheirDigests() throws Exception {
        // given a snapshot, then a later night
        Path first = cli.publish("2022-05-09", temp.resolve("publish"));
        cli.deliverNextNightsFair();
        assertThat(cli.load()).isZero();

        // when the date is published again (rebuilt from the staged deliveries this time)
        Path again = cli.publish("2022-05-09", temp.resolve("again"));

        // then
        JsonNode documents = new ObjectMapper().readTree(again.resolve("manifest.json").toFile()).get("documents");
        assertThat(documents).extracting(document -> document.get("name").asText())
                .containsExactlyElementsOf(DOCUMENTS);
        for (JsonNode document : documents) {
            Path file = again.resolve(document.get("name").asText());
            assertThat(file).as(file.getFileName().toString()).hasSameBinaryContentAs(first.resolve(file.getFileName()));
            assertThat(document.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            assertThat(document.get("bytes").asLong()).isEqualTo(Files.size(file));
        }
        assertThat(new ObjectMapper().readTree(again.resolve("manifest.json").toFile()).get("files"))
                .as("files stay the views' CSVs").hasSize(5);
    }

    /** Compares a sheet (captions, column names, then rows) with a CSV, skipping the name columns the sheet adds. */
    private static void assertSheetHolds(XSSFSheet sheet, List<List<String>> csv) {
        List<String> header = csv.get(0);
        Row names = sheet.getRow(1);
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < names.getLastCellNum(); c++) {
            if (header.contains(names.getCell(c).getStringCellValue())) {
                columns.add(c);
            }
        }
        assertThat(columns.stream().map(c -> names.getCell(c).getStringCellValue()).toList())
                .as(sheet.getSheetName()).containsExactlyElementsOf(header);
        assertThat(sheet.getLastRowNum() - 1).as(sheet.getSheetName() + " rows").isEqualTo(csv.size() - 1);
        for (int r = 1; r < csv.size(); r++) {
            Row row = sheet.getRow(r + 1);
            for (int i = 0; i < header.size(); i++) {
                String expected = csv.get(r).get(i);
                Cell cell = row.getCell(columns.get(i));
                String where = sheet.getSheetName() + " row " + r + " " + header.get(i);
                if (expected.isEmpty()) {
                    assertThat(cell == null || cell.getCellType() == CellType.BLANK
                            || cell.getStringCellValue().equals("≤4")).as(where).isTrue();
                } else if (cell.getCellType() == CellType.NUMERIC && expected.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    assertThat(cell.getLocalDateTimeCellValue().toLocalDate()).as(where)
                            .isEqualTo(LocalDate.parse(expected));
                } else if (cell.getCellType() == CellType.NUMERIC) {
                    assertThat(cell.getNumericCellValue()).as(where).isCloseTo(Double.parseDouble(expected),
                            within(1e-6));
                } else if (expected.equals("true") || expected.equals("false")) {
                    assertThat(cell.getStringCellValue()).as(where).isEqualTo(expected.equals("true") ? "是" : "否");
                } else {
                    assertThat(cell.getStringCellValue()).as(where).isEqualTo(expected);
                }
            }
        }
    }

    private static int header(XSSFSheet sheet, String column) {
        Row names = sheet.getRow(1);
        for (int c = 0; c < names.getLastCellNum(); c++) {
            if (names.getCell(c).getStringCellValue().equals(column)) {
                return c;
            }
        }
        throw new AssertionError(column + " is not a column of " + sheet.getSheetName());
    }

    private static String sheetText(XSSFSheet sheet) {
        DataFormatter format = new DataFormatter();
        StringBuilder text = new StringBuilder();
        for (Row row : sheet) {
            for (Cell cell : row) {
                text.append(format.formatCellValue(cell)).append('\t');
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** RFC 4180 as the snapshot writes it: BOM, CRLF, quoted cells with doubled quotes. */
    static List<List<String>> readCsv(Path csv) throws Exception {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                line.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                line.add(cell.toString());
                cell.setLength(0);
                lines.add(line);
                line = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return lines;
    }
}
