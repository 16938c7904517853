package cn.campaign.warehouse.catalog;

import cn.campaign.warehouse.validate.Entity;
import cn.campaign.warehouse.validate.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rejected records of every delivery the ledger holds, read from their staged {@code rejects.parquet}, with any
 * value that could be a roster record's or personal data emptied.
 */
final class RejectsTable {

    private static final List<String> REJECT_COLUMNS = List.of("file_name", "entity_file", "line", "field", "reason",
            "value");

    private RejectsTable() {
    }

    static void create(Connection connection, Path stagingRoot) throws SQLException {
        List<String> files = new ArrayList<>();
        // a delivery has a rejects file only when it rejected a record: looking for one beside each of the thousands
        // of deliveries a ledger holds (3,300 a campaign) cost a night up to 0.5 s, growing with every night; a
        // ledger row written before the count was kept (null) is looked at
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select staging_key from " + LoaderTable.LEDGER.table() + " where staging_key is not null "
                     + "and coalesce(rejected, 1) > 0 order by staging_key")) {
            while (rows.next()) {
                Path file = stagingRoot.resolve(rows.getString(1)).resolve("rejects.parquet");
                if (Files.isRegularFile(file)) {
                    files.add("'" + Duck.literal(file.toAbsolutePath().toString()) + "'");
                }
            }
        }
        String source = files.isEmpty()
                ? "(select null::varchar as file_name, null::varchar as entity_file, null::bigint as line, "
                + "null::varchar as field, null::varchar as reason, null::varchar as value where false)"
                : "read_parquet([" + String.join(", ", files) + "])";
        // rejects staged before contract 1.1 kept roster values and personal numbers in clear: none is published
        String columns = String.join(", ", REJECT_COLUMNS).replace("value", "case when field in ("
                + rosterOnlyOrPersonalFields() + ") or has_identity_number(value) or has_mobile_number(value) "
                + "then null else value end as value");
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace table " + LoaderTable.REJECTS.table() + " as select " + columns
                    + " from " + source + " order by file_name, entity_file, line");
        }
    }

    /**
     * The fields whose reject value is a roster record's or personal data whatever file it came from: the roster's
     * fields and every personal field, less those that another entity has as an ordinary field (an institution's
     * name, an institution code); as a list of SQL literals.
     */
    private static String rosterOnlyOrPersonalFields() {
        Set<String> ordinaryElsewhere = new HashSet<>();
        Set<String> fields = new TreeSet<>();
        for (Entity entity : Entity.values()) {
            for (Field field : entity.fields()) {
                if (entity == Entity.GRADUATE || field.personal()) {
                    fields.add(field.name());
                } else {
                    ordinaryElsewhere.add(field.name());
                }
            }
        }
        fields.removeAll(ordinaryElsewhere);
        return fields.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }
}
