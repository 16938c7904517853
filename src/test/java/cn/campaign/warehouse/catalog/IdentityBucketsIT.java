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

/** The buckets' conditions in DuckDB: a partition of the identities, and one its planner sizes sensibly. */
class IdentityBucketsIT {

    private static final List<String> IDENTITY = List.of("source_id", "service_id");
    private static final long ROWS = 200_000;

    private Connection connection;

    @BeforeEach
    void createRecords() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        execute("create table records as select 'PROV-' || (i % 31) as source_id, 'S' || i as service_id "
                + "from range(" + ROWS + ") as r(i)");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void everyIdentityFallsInExactlyOneBucketAndTheBucketsAreEven() throws Exception {
        // given
        IdentityBuckets buckets = IdentityBuckets.of(ROWS, 45_000);

        // when
        List<Long> sizes = new ArrayList<>();
        for (long bucket = 0; bucket < buckets.count(); bucket++) {
            sizes.add(number("select count(*) from records where " + buckets.holds(IDENTITY, bucket)));
        }
        StringBuilder inSome = new StringBuilder("0");
        for (long bucket = 0; bucket < buckets.count(); bucket++) {
            inSome.append(" + (").append(buckets.holds(IDENTITY, bucket)).append(")::integer");
        }

        // then
        assertThat(buckets.count()).isEqualTo(5);
        assertThat(sizes.stream().mapToLong(Long::longValue).sum()).isEqualTo(ROWS);
        assertThat(number("select count(*) from records where " + inSome + " <> 1")).isZero();
        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(ROWS / 5 * 9 / 10, ROWS / 5 * 11 / 10));
    }

    @Test
    void duckDbsPlannerEstimatesABucketAtAShareOfTheTableNotAFewRows() throws Exception {
        // given graduates by their one-column identity, in five buckets: DuckDB estimated an equality on a column's
        // hash like one on the column, a row or two, and then built its joins' hash tables on the bucket's records
        execute("create table graduates as select md5(i::varchar) as graduate_id from range(" + ROWS + ") as r(i)");
        IdentityBuckets buckets = IdentityBuckets.of(ROWS, 45_000);

        // when
        long estimate = estimatedRows("select * from graduates where " + buckets.holds(List.of("graduate_id"), 2));

        // then
        assertThat(estimate).isGreaterThan(ROWS / 20);
    }

    /** The rows DuckDB's planner expects a query to give. */
    private long estimatedRows(String query) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet plan = statement.executeQuery("explain (format json) " + query)) {
            plan.next();
            JsonNode root = new ObjectMapper().readTree(plan.getString(2)).path(0);
            return root.path("extra_info").path("Estimated Cardinality").asLong(-1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long number(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
