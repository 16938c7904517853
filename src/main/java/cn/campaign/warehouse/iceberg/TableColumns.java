package cn.campaign.warehouse.iceberg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * A DuckDB table's columns as an Iceberg schema: field ids 1, 2, … in column order for a new table, or the ids the
 * table's schema gives each name (Iceberg keeps a column's id when a replacement schema renumbers the others), every
 * field optional (a Parquet file DuckDB writes marks every column optional), and the select list that writes each
 * column as the type its field declares.
 */
record TableColumns(String table, List<String> names, List<Type> types, List<String> selected, List<Integer> ids) {

    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

    static TableColumns of(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        List<String> selected = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select column_name, data_type from "
                + "duckdb_columns() where table_name = ? and schema_name = 'main' and database_name = "
                + "current_database() order by column_index")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    String duckType = rows.getString(2);
                    Type type = icebergType(table, name, duckType);
                    names.add(name);
                    types.add(type);
                    String quoted = '"' + name.replace("\"", "\"\"") + '"';
                    selected.add(castNeeded(duckType) ? "cast(" + quoted + " as " + duckDbTypeOf(type) + ") as "
                            + quoted : quoted);
                }
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("the table " + table + " to write as an Iceberg table has no columns");
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= names.size(); i++) {
            ids.add(i);
        }
        return new TableColumns(table, names, types, selected, ids);
    }

    /** These columns with the field ids a table's schema of the same names gives them: data files carry those ids. */
    TableColumns withIdsOf(Schema schema) {
        List<Integer> assigned = new ArrayList<>();
        for (String name : names) {
            Types.NestedField field = schema.findField(name);
            if (field == null) {
                throw new IllegalStateException("the Iceberg table " + table + " has no column " + name);
            }
            assigned.add(field.fieldId());
        }
        return new TableColumns(table, names, types, selected, assigned);
    }

    Schema schema() {
        List<Types.NestedField> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(Types.NestedField.optional(ids.get(i), names.get(i), types.get(i)));
        }
        return new Schema(fields);
    }

    /** DuckDB's {@code FIELD_IDS} option of {@code COPY}: each column with its field id. */
    String fieldIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ids.add('"' + names.get(i).replace("\"", "\"\"") + "\": " + this.ids.get(i));
        }
        return "{" + String.join(", ", ids) + "}";
    }

    String selectList() {
        return selected.stream().collect(Collectors.joining(", "));
    }

    /** Whether a table's Iceberg schema is this one: the same names and types in the same order (ids aside). */
    boolean sameAs(Schema schema) {
        List<Types.NestedField> fields = schema.columns();
        if (fields.size() != names.size()) {
            return false;
        }
        for (int i = 0; i < names.size(); i++) {
            if (!fields.get(i).name().equals(names.get(i)) || !fields.get(i).type().equals(types.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Type icebergType(String table, String column, String duckType) {
        Matcher decimal = DECIMAL.matcher(duckType);
        if (decimal.matches()) {
            return Types.DecimalType.of(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        return switch (duckType) {
            case "VARCHAR" -> Types.StringType.get();
            case "BOOLEAN" -> Types.BooleanType.get();
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> Types.IntegerType.get();
            case "BIGINT", "UINTEGER" -> Types.LongType.get();
            case "HUGEINT", "UBIGINT" -> Types.DecimalType.of(38, 0);
            case "FLOAT" -> Types.FloatType.get();
            case "DOUBLE" -> Types.DoubleType.get();
            case "DATE" -> Types.DateType.get();
            case "TIMESTAMP" -> Types.TimestampType.withoutZone();
            case "TIMESTAMP WITH TIME ZONE" -> Types.TimestampType.withZone();
            default -> throw new IllegalStateException("the column " + table + "." + column + " is of type "
                    + duckType + ", which the star's Iceberg tables do not hold; give it one of the types "
                    + "VARCHAR, BOOLEAN, INTEGER, BIGINT, DOUBLE, DECIMAL, DATE or TIMESTAMP");
        };
    }

    private static boolean castNeeded(String duckType) {
        return switch (duckType) {
            case "TINYINT", "SMALLINT", "UTINYINT", "USMALLINT", "UINTEGER", "HUGEINT", "UBIGINT" -> true;
            default -> false;
        };
    }

    private static String duckDbTypeOf(Type type) {
        return switch (type.typeId()) {
            case INTEGER -> "integer";
            case LONG -> "bigint";
            case DECIMAL -> "decimal(38, 0)";
            default -> throw new IllegalArgumentException("no cast to " + type);
        };
    }
}
