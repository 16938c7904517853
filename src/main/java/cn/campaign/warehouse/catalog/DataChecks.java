package cn.campaign.warehouse.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data checks of a state: the hand-written rules of {@code sql/checks} and the tests the model files declare.
 * Each returns one row per problem; a check that returns rows fails, named with the first three in text order.
 */
final class DataChecks {

    private static final Logger log = LoggerFactory.getLogger(DataChecks.class);

    private DataChecks() {
    }

    /**
     * A sentence per failing check, empty when all hold.
     *
     * @param writtenWhole the tables the load maintains whose every row it wrote
     */
    static List<String> run(Connection connection, Set<String> writtenWhole) throws SQLException {
        List<String> failures = new ArrayList<>();
        Map<String, String> checks = new LinkedHashMap<>(SqlFolder.read("checks"));
        checks.putAll(ModelTests.checks(Models.all(), writtenWhole));
        for (Map.Entry<String, String> check : checks.entrySet()) {
            long started = System.nanoTime();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(check.getValue())) {
                CheckExamples examples = new CheckExamples(3);
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        cells.add(String.valueOf(rows.getObject(i)));
                    }
                    examples.add(String.join(" ", cells));
                }
                if (examples.count() > 0) {
                    failures.add("check " + check.getKey() + " found " + examples.count() + " problem(s), e.g. "
                            + String.join("; ", examples.examples()));
                }
            } catch (SQLException e) {
                throw new SQLException("the check " + check.getKey() + " could not run: " + e.getMessage(), e);
            }
            log.debug("check {} ran in {} ms", check.getKey(), (System.nanoTime() - started) / 1_000_000);
        }
        return failures;
    }
}
