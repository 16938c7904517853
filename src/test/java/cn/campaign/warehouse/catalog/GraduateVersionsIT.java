package cn.campaign.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sql/staging/stg_graduate_versions.sql} over hand-written records: the versions it gives, and that a
 * graduate delivered once is not ordered (a campaign's first load delivers ten million of them).
 */
class GraduateVersionsIT {

    private static final String STATEMENT = SqlFolder.read("staging").get("stg_graduate_versions");

    private Connection connection;

    @BeforeEach
    void createRecords() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        execute("""
                create table raw_graduates (op varchar, graduate_id varchar, gender varchar, birth_year bigint,
                    origin_province_code varchar, institution_code varchar, cohort bigint, education_level varchar,
                    major_code varchar, difficulty varchar, destination varchar, destination_date date,
                    source_id varchar, business_date date, sequence integer, delivery_file varchar)""");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aGraduateDeliveredOnceIsOneCurrentVersionAndIsNotOrdered() throws Exception {
        // given three graduates with one record each, one of them withdrawn
        record("U", "g1", "2023-05-02", 1, "PROV-11", "low_income", null, "080901");
        record("U", "g2", "2023-05-03", 2, "PROV-12", null, "employed", "120201");
        record("D", "g3", "2023-05-04", 1, "PROV-13", null, null, null);

        // when
        List<String> versions = versions();
        JsonNode plan = analyzedPlan();

        // then the withdrawn one has none, and no window read a record
        assertThat(versions).containsExactly(
                "g1 2023-05-02..null current low_income/null major 080901 last 2023-05-02",
                "g2 2023-05-03..null current null/employed major 120201 last 2023-05-03");
        assertThat(rowsIntoWindows(plan)).containsOnly(0L);
    }

    @Test
    void aGraduateDeliveredMoreThanOnceKeepsTheHistoryOfItsGroupsAndDestination() throws Exception {
        // given g1: two sources on its first day (the higher sequence wins), a new major in the same version,
        // a new destination, a withdrawal and a return; g2 once
        record("U", "g1", "2023-05-02", 1, "PROV-11", "low_income", null, "080901");
        record("U", "g1", "2023-05-02", 2, "PROV-12", "low_income", null, "080902");
        record("U", "g1", "2023-05-05", 1, "PROV-11", "low_income", null, "080903");
        record("U", "g1", "2023-05-09", 1, "PROV-11", "low_income", "employed", "080903");
        record("D", "g1", "2023-05-12", 1, "PROV-11", null, null, null);
        record("U", "g1", "2023-05-20", 1, "PROV-11", null, "employed", "080903");
        record("U", "g2", "2023-05-03", 1, "PROV-12", null, null, "120201");

        // when
        List<String> versions = versions();

        // then
        assertThat(versions).containsExactly(
                "g1 2023-05-02..2023-05-09 past low_income/null major 080903 last 2023-05-05",
                "g1 2023-05-09..2023-05-12 past low_income/employed major 080903 last 2023-05-09",
                "g1 2023-05-20..null current null/employed major 080903 last 2023-05-20",
                "g2 2023-05-03..null current null/null major 120201 last 2023-05-03");
        assertThat(rowsIntoWindows(analyzedPlan())).anyMatch(rows -> rows > 0);
    }

    private void record(String op, String graduate, String date, int sequence, String source, String difficulty,
                        String destination, String major) throws SQLException {
        execute("insert into raw_graduates values ('%s', '%s', 'female', 2001, '11', '4111010001', 2023, 'bachelor', "
                .formatted(op, graduate) + text(major) + ", " + text(difficulty) + ", " + text(destination)
                + ", null, '" + source + "', date '" + date + "', " + sequence + ", '" + source + "_" + date + ".zip')");
    }

    private static String text(String value) {
        return value == null ? "null" : "'" + value + "'";
    }

    private List<String> versions() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select graduate_id || ' ' || valid_from || '..' || "
                     + "coalesce(valid_to::varchar, 'null') || ' ' || if(is_current, 'current', 'past') || ' ' || "
                     + "coalesce(difficulty, 'null') || '/' || coalesce(destination, 'null') || ' major ' || "
                     + "major_code || ' last ' || last_record_date from (" + STATEMENT + ") order by all")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private JsonNode analyzedPlan() throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("explain (analyze, format json) " + STATEMENT)) {
            result.next();
            return new ObjectMapper().readTree(result.getString(2));
        }
    }

    /** The rows each window operator of the plan read. */
    private static List<Long> rowsIntoWindows(JsonNode plan) {
        List<Long> rows = new ArrayList<>();
        collectWindows(plan, rows);
        assertThat(rows).as("the statement's window operators").isNotEmpty();
        return rows;
    }

    private static void collectWindows(JsonNode node, List<Long> rows) {
        if ("WINDOW".equals(node.path("type").asText())) {
            rows.add(node.path("intermediate_rows").asLong());
        }
        for (JsonNode child : node.path(node.has("operator") ? "operator" : "children")) {
            collectWindows(child, rows);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
