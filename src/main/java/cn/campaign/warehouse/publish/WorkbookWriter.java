package cn.campaign.warehouse.publish;

import cn.campaign.warehouse.catalog.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes {@code report.xlsx}: a cover sheet (what the snapshot reflects, the headline figures, a legend of every
 * column in Chinese and English) and one sheet per report view, with a frozen, filtered header of Chinese captions
 * over the column names, names beside codes, rates as percentages, counts with thousands separators and suppressed
 * cells marked. The same contents give the same bytes: the document's dates are the as-of date and the zip entries'
 * times are fixed.
 */
final class WorkbookWriter {

    /** What a suppressed cell shows, with the threshold: the count is between 1 and it. */
    static final String SUPPRESSED_MARK = "≤";

    private static final int MAX_WIDTH = 60;

    private WorkbookWriter() {
    }

    static byte[] write(SnapshotContents contents) {
        // streamed: rows go to a temporary file as they are written, which keeps a national workbook to a second
        SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), 1000, false, false);
        try {
            Styles styles = new Styles(workbook);
            writeCover(workbook.createSheet("说明 Cover"), contents, styles);
            for (ReportTable table : contents.tables()) {
                writeView(workbook.createSheet(WorkbookUtil.createSafeSheetName(table.view().caption())), table,
                        contents, styles);
            }
            Date asOf = Date.from(contents.asOf().atTime(LocalTime.of(17, 0)).toInstant(ZoneOffset.ofHours(8)));
            var properties = workbook.getXSSFWorkbook().getProperties().getCoreProperties();
            properties.setCreated(Optional.of(asOf));
            properties.setModified(Optional.of(asOf));
            properties.setCreator("campaign-warehouse");
            properties.setTitle("高校毕业生就业促进活动统计 " + contents.asOf());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            workbook.write(bytes);
            return withFixedEntryTimes(bytes.toByteArray(), contents.asOf());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report.xlsx: " + e.getMessage(), e);
        } finally {
            workbook.dispose();
        }
    }

    private static void writeCover(Sheet sheet, SnapshotContents contents, Styles styles) {
        int at = 0;
        text(sheet.createRow(at++), 0, "高校毕业生就业促进活动统计报告 Campaign report", styles.title);
        Row asOf = sheet.createRow(at++);
        text(asOf, 0, "统计截至 As of", styles.bold);
        asOf.createCell(1).setCellValue(contents.asOf());
        asOf.getCell(1).setCellStyle(styles.date);
        Row deliveries = sheet.createRow(at++);
        text(deliveries, 0, "反映的数据交付 Deliveries reflected", styles.bold);
        number(deliveries, 1, contents.deliveries().size(), styles.count);
        Row silent = sheet.createRow(at++);
        text(silent, 0, "当日未报送 Not reported for " + contents.asOf(), styles.bold);
        text(silent, 1, contents.notReported().isEmpty() ? "无 none" : String.join("；", contents.notReported().stream()
                .map(source -> source.sourceId() + " " + source.name()
                        + (source.state() == null ? "" : "（" + source.state() + "）")).toList()), null);
        Row mark = sheet.createRow(at++);
        text(mark, 0, "小数保护 Small cells", styles.bold);
        text(mark, 1, SUPPRESSED_MARK + contents.smallCellMax() + "：1至" + contents.smallCellMax()
                + "人的计数及由其计算的比例不公布 (counts of 1 to " + contents.smallCellMax()
                + " graduates, and the shares derived from them, are not published)", null);
        at++;
        for (ReportTable table : contents.tables()) {
            if (table.view().model().publish().headline()) {
                at = writeHeadline(sheet, at, table, contents, styles) + 1;
            }
        }
        text(sheet.createRow(at++), 0, "字段说明 Legend", styles.title);
        Row header = sheet.createRow(at++);
        List<String> legend = List.of("工作表 Sheet", "字段 Column", "中文名称 Caption", "含义 Meaning");
        for (int i = 0; i < legend.size(); i++) {
            text(header, i, legend.get(i), styles.header);
        }
        for (ReportTable table : contents.tables()) {
            for (Column column : columns(table, contents)) {
                Row row = sheet.createRow(at++);
                text(row, 0, table.view().caption() + " " + table.view().name(), null);
                text(row, 1, column.name, null);
                text(row, 2, column.caption, null);
                text(row, 3, column.meaning, null);
            }
        }
        sheet.setColumnWidth(0, 40 * 256);
        sheet.setColumnWidth(1, 36 * 256);
        sheet.setColumnWidth(2, 36 * 256);
        sheet.setColumnWidth(3, 90 * 256);
    }

    /** A headline view, one row per measure and one column per row of the view (per campaign). */
    private static int writeHeadline(Sheet sheet, int at, ReportTable table, SnapshotContents contents,
                                     Styles styles) {
        text(sheet.createRow(at++), 0, table.view().caption() + " " + table.view().name(), styles.title);
        List<Column> columns = columns(table, contents);
        for (Column column : columns) {
            Row row = sheet.createRow(at++);
            text(row, 0, column.caption + " " + column.name, column == columns.get(0) ? styles.header : styles.bold);
            for (int r = 0; r < table.rows().size(); r++) {
                Object value = column.value(table.rows().get(r), contents);
                value(row, r + 1, value, column == columns.get(0) ? styles.header : styles.forValue(value));
            }
        }
        return at;
    }

    private static void writeView(Sheet sheet, ReportTable table, SnapshotContents contents, Styles styles) {
        List<Column> columns = columns(table, contents);
        Row captions = sheet.createRow(0);
        Row names = sheet.createRow(1);
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            text(captions, c, columns.get(c).caption, styles.header);
            text(names, c, columns.get(c).name, styles.header);
            widths[c] = Math.max(width(columns.get(c).caption), width(columns.get(c).name));
        }
        for (int r = 0; r < table.rows().size(); r++) {
            ReportTable.Row source = table.rows().get(r);
            Row row = sheet.createRow(r + 2);
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                if (column.suppressed(source)) {
                    text(row, c, SUPPRESSED_MARK + contents.smallCellMax(), styles.suppressed);
                } else {
                    Object value = column.value(source, contents);
                    value(row, c, value, styles.forValue(value));
                    widths[c] = Math.max(widths[c], width(value));
                }
            }
        }
        sheet.createFreezePane(0, 2);
        sheet.setAutoFilter(new CellRangeAddress(1, Math.max(1, table.rows().size() + 1), 0, columns.size() - 1));
        for (int c = 0; c < columns.size(); c++) {
            sheet.setColumnWidth(c, Math.min(MAX_WIDTH, widths[c] + 2) * 256);
        }
    }

    /**
     * A column as the workbook shows it: a column of the view, or the names of the codes of the column before it.
     */
    private record Column(String name, String caption, String meaning, int index, String namesOf) {

        Object value(ReportTable.Row row, SnapshotContents contents) {
            Object value = row.get(index);
            if (namesOf == null || value == null) {
                return value;
            }
            return contents.names().getOrDefault(namesOf, Map.of()).get(value.toString());
        }

        boolean suppressed(ReportTable.Row row) {
            return namesOf == null && row.suppressed().contains(name);
        }
    }

    /** The view's columns, each code column whose names are known followed by a column of its names. */
    static List<Column> columns(ReportTable table, SnapshotContents contents) {
        List<Column> columns = new ArrayList<>();
        Model model = table.view().model();
        for (int i = 0; i < table.columns().size(); i++) {
            String name = table.columns().get(i);
            Model.Column declared = SnapshotContents.column(table, name);
            columns.add(new Column(name, model.captionOf(name), declared == null ? "" : declared.description(), i,
                    null));
            if (declared != null && declared.names() != null && contents.names().containsKey(name)) {
                String caption = model.captionOf(name);
                columns.add(new Column(nameColumn(name), caption.endsWith("代码")
                        ? caption.substring(0, caption.length() - 2) + "名称" : caption + "名称",
                        "Name of " + name + " (from " + declared.names() + ").", i, name));
            }
        }
        return columns;
    }

    private static String nameColumn(String codeColumn) {
        if (codeColumn.endsWith("_code")) {
            return codeColumn.substring(0, codeColumn.length() - 5) + "_name";
        }
        return codeColumn.endsWith("_id") ? codeColumn.substring(0, codeColumn.length() - 3) + "_name"
                : codeColumn + "_name";
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value == null ? "" : value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static void number(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static void value(Row row, int column, Object value, CellStyle style) {
        if (value == null) {
            row.createCell(column);
            return;
        }
        Cell cell = row.createCell(column);
        if (value instanceof Boolean flag) {
            cell.setCellValue(flag ? "是" : "否");
        } else if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
        } else if (value instanceof java.sql.Date date) {
            cell.setCellValue(date.toLocalDate());
        } else if (value instanceof LocalDate date) {
            cell.setCellValue(date);
        } else {
            cell.setCellValue(value.toString());
        }
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** Display width in character cells: CJK characters take two. */
    private static int width(Object value) {
        if (value == null) {
            return 0;
        }
        String text = value instanceof java.sql.Date || value instanceof LocalDate ? "2000-01-01" : value.toString();
        return text.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || c >= 0xFF00 ? 2 : 1).sum();
    }

    /** The workbook's zip with every entry's time set to the as-of date, so the same contents give the same bytes. */
    private static byte[] withFixedEntryTimes(byte[] xlsx, LocalDate asOf) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // read through the central directory: the streamed workbook's entries give their sizes only after their data
        try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(xlsx)).get();
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipArchiveEntry entry : Collections.list(in.getEntriesInPhysicalOrder())) {
                ZipEntry fixed = new ZipEntry(entry.getName());
                fixed.setTimeLocal(asOf.atStartOfDay());
                out.putNextEntry(fixed);
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The cell styles of the workbook, created once (a workbook holds at most 64,000). */
    private static final class Styles {

        final CellStyle title;
        final CellStyle bold;
        final CellStyle header;
        final CellStyle count;
        final CellStyle rate;
        final CellStyle date;
        final CellStyle suppressed;

        Styles(Workbook workbook) {
            Font boldFont = workbook.createFont();
            boldFont.setBold(true);
            Font titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(titleFont);
            bold = workbook.createCellStyle();
            bold.setFont(boldFont);
            header = workbook.createCellStyle();
            header.setFont(boldFont);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setWrapText(true);
            var formats = workbook.createDataFormat();
            count = workbook.createCellStyle();
            count.setDataFormat(formats.getFormat("#,##0"));
            rate = workbook.createCellStyle();
            rate.setDataFormat(formats.getFormat("0.00%"));
            date = workbook.createCellStyle();
            date.setDataFormat(formats.getFormat("yyyy-mm-dd"));
            Font grey = workbook.createFont();
            grey.setItalic(true);
            grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
            suppressed = workbook.createCellStyle();
            suppressed.setFont(grey);
        }

        /** Whole numbers with thousands separators; fractions, which the views hold only as rates and shares, as
         * percentages. */
        CellStyle forValue(Object value) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof BigInteger) {
                return count;
            }
            if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
                return rate;
            }
            return value instanceof java.sql.Date || value instanceof LocalDate ? date : null;
        }
    }
}
