package cn.campaign.warehouse.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Writes {@code report.html}: one self-contained page (the chart library and the snapshot's data inlined, nothing
 * fetched when it is opened) from the page template under {@code report/}. The template's script draws the charts
 * and tables from the data; this class only fills it in, so the same contents give the same bytes.
 */
final class HtmlReportWriter {

    /** The webjar's own record of its version, so that upgrading it in the pom is the whole upgrade. */
    private static final String CHART_LIBRARY_VERSION = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private HtmlReportWriter() {
    }

    static byte[] write(SnapshotContents contents) {
        String page = resource("report/report.html")
                .replace("/*{{style}}*/", resource("report/report.css"))
                .replace("/*{{chart_library}}*/", resource(chartLibrary()))
                .replace("/*{{report_script}}*/", resource("report/report.js"))
                .replace("{{as_of}}", contents.asOf().toString())
                .replace("/*{{data}}*/", scriptSafe(data(contents)));
        return page.getBytes(StandardCharsets.UTF_8);
    }

    /** The snapshot as the page's script reads it: every view's rows with its captions, names, calendar, sources. */
    static String data(SnapshotContents contents) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("as_of", contents.asOf().toString());
        root.put("small_cell_max", contents.smallCellMax());
        root.put("suppressed_mark", WorkbookWriter.SUPPRESSED_MARK + contents.smallCellMax());
        ArrayNode campaigns = root.putArray("campaigns");
        contents.campaigns().forEach(campaign -> campaigns.addObject().put("campaign_id", campaign.campaignId())
                .put("name", campaign.name()).put("start_date", campaign.startDate().toString())
                .put("end_date", campaign.endDate().toString()).put("cohort", campaign.cohort()));
        root.put("deliveries", contents.deliveries().size());
        ArrayNode silent = root.putArray("not_reported");
        contents.notReported().forEach(source -> silent.addObject().put("source_id", source.sourceId())
                .put("name", source.name()).put("state", source.state()));
        root.set("names", json.valueToTree(contents.names()));
        ObjectNode views = root.putObject("views");
        for (ReportTable table : contents.tables()) {
            ObjectNode view = views.putObject(table.view().name());
            view.put("caption", table.view().caption());
            ArrayNode columns = view.putArray("columns");
            for (String column : table.columns()) {
                var declared = SnapshotContents.column(table, column);
                columns.addObject().put("name", column).put("caption", table.view().model().captionOf(column))
                        .put("meaning", declared == null ? null : declared.description());
            }
            ArrayNode rows = view.putArray("rows");
            ArrayNode suppressed = view.putArray("suppressed");
            for (int r = 0; r < table.rows().size(); r++) {
                ReportTable.Row row = table.rows().get(r);
                ArrayNode cells = rows.addArray();
                for (int c = 0; c < table.columns().size(); c++) {
                    add(cells, row.get(c));
                    if (row.suppressed().contains(table.columns().get(c))) {
                        suppressed.addArray().add(r).add(c);
                    }
                }
            }
        }
        try {
            return json.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(ArrayNode cells, Object value) {
        if (value == null) {
            cells.addNull();
        } else if (value instanceof Boolean flag) {
            cells.add(flag);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            cells.add(((Number) value).longValue());
        } else if (value instanceof BigInteger number) {
            cells.add(number);
        } else if (value instanceof BigDecimal number) {
            cells.add(number);
        } else if (value instanceof Number number) {
            cells.add(number.doubleValue());
        } else {
            cells.add(value.toString());
        }
    }

    private static String chartLibrary() {
        Properties webjar = new Properties();
        try {
            webjar.load(new StringReader(resource(CHART_LIBRARY_VERSION)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CHART_LIBRARY_VERSION + ": " + e.getMessage(), e);
        }
        return "META-INF/resources/webjars/echarts/" + webjar.getProperty("version") + "/dist/echarts.min.js";
    }

    /** JSON that cannot end the script element it sits in: '<', '>' and '&' only occur inside its strings. */
    private static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String resource(String path) {
        try (InputStream in = HtmlReportWriter.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the report page's resource " + path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
