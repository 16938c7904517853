package cn.campaign.warehouse.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The data tests the model files declare, as checks: each returns one row per offending value, like the hand-written
 * checks of {@code sql/checks}. On the model: {@code unique_key}, its key identifies exactly one row and is never
 * null. On a column: {@code not_null}, {@code unique} (and not null; {@code {unique: {where: condition}}} among the
 * rows that meet the condition, as a durable key among current members), {@code accepted_values} (one of the
 * column's codes) and {@code relationships} (every value is found in a column of another model). A table a load
 * maintains incrementally is tested on the rows the load wrote ({@code written_<table>}), and uniqueness on every
 * row that shares a written value: the rows it kept passed the tests of earlier loads.
 */
final class ModelTests {

    private static final Set<String> COLUMN_TESTS = Set.of("not_null", "unique", "accepted_values", "relationships");

    private ModelTests() {
    }

    /**
     * Check name to statement, for every test of every model.
     *
     * @param writtenWhole the maintained tables whose every row the load wrote (all of them after a whole build):
     *     tested whole, a relationship by one join
     */
    static Map<String, String> checks(List<Model> models, Set<String> writtenWhole) {
        Map<String, String> checks = new LinkedHashMap<>();
        for (Model model : models) {
            for (String test : model.tests()) {
                if (!test.equals("unique_key")) {
                    throw new IllegalStateException(where(model) + " declares the test '" + test
                            + "', which is not one of: unique_key");
                }
                if (model.key().isEmpty()) {
                    throw new IllegalStateException(where(model) + " declares unique_key but no key");
                }
                checks.put("test_" + model.name() + "_unique_key", unique(model, model.key(), model.name(),
                        writtenWhole, null));
            }
            model.columns().forEach((column, declared) -> {
                for (Object test : declared.tests()) {
                    String name = testName(model, column, test);
                    checks.put("test_" + model.name() + "_" + column + "_" + name,
                            columnTest(model, column, declared, name, test, writtenWhole));
                }
            });
        }
        return checks;
    }

    private static String columnTest(Model model, String column, Model.Column declared, String name, Object test,
                                     Set<String> writtenWhole) {
        boolean whole = testedWhole(model, writtenWhole);
        String rows = whole ? model.name() : "written_" + model.name();
        String label = "'" + model.name() + "." + column + "'";
        return switch (name) {
            case "not_null" -> "select " + label + " as model, count(*) as nulls from " + rows + " where " + column
                    + " is null having count(*) > 0";
            case "unique" -> unique(model, List.of(column), model.name() + "." + column, writtenWhole,
                    condition(model, column, test));
            case "accepted_values" -> {
                if (declared.codes().isEmpty()) {
                    throw new IllegalStateException(where(model) + " declares accepted_values on " + column
                            + ", which lists no codes");
                }
                yield "select " + label + " as model, " + column + "::varchar as value, count(*) as occurrences from "
                        + rows + " where " + column + " is not null and " + column + "::varchar not in ("
                        + declared.codes().stream().map(code -> "'" + code.replace("'", "''") + "'")
                        .collect(Collectors.joining(", ")) + ") group by all";
            }
            default -> {
                Map<?, ?> target = (Map<?, ?>) ((Map<?, ?>) test).get("relationships");
                if (target == null || !(target.get("to") instanceof String to)
                        || !(target.get("field") instanceof String field)) {
                    throw new IllegalStateException(where(model) + " declares relationships on " + column
                            + " without {to: model, field: column}");
                }
                // a night's rows look their members up one by one; a whole fact joins the dimension once, 7 times
                // faster than the lookups for 20 M services
                String missing = whole
                        ? " as f anti join " + to + " as t on t." + field + " = f." + column + " where f." + column
                                + " is not null"
                        : " as f where f." + column + " is not null and not exists (select 1 from " + to + " as t "
                                + "where t." + field + " = f." + column + ")";
                yield "select " + label + " || ' -> " + to + "." + field + "' as model, count(*) as missing from "
                        + rows + missing + " having count(*) > 0";
            }
        };
    }

    private static String testName(Model model, String column, Object test) {
        String name = test instanceof Map<?, ?> map && map.size() == 1 ? String.valueOf(map.keySet().iterator().next())
                : String.valueOf(test);
        boolean configured = name.equals("relationships") || name.equals("unique");
        if (!COLUMN_TESTS.contains(name) || !configured && test instanceof Map
                || name.equals("relationships") && !(test instanceof Map)) {
            throw new IllegalStateException(where(model) + " declares the test '" + test + "' on " + column
                    + ", which is not one of: not_null, unique, {unique: {where}}, accepted_values, "
                    + "{relationships: {to, field}}");
        }
        return name;
    }

    /** The rows a {@code unique} test holds among: {@code {unique: {where: condition}}}, else all (null). */
    private static String condition(Model model, String column, Object test) {
        if (!(test instanceof Map<?, ?> map)) {
            return null;
        }
        if (!(map.get("unique") instanceof Map<?, ?> options) || !(options.get("where") instanceof String condition)
                || options.size() != 1) {
            throw new IllegalStateException(where(model) + " declares unique on " + column
                    + " with options other than {where: condition}");
        }
        return "(" + condition + ")";
    }

    /** One row per value of the columns found more than once, or null, among the rows meeting the condition. */
    private static String unique(Model model, List<String> columns, String label, Set<String> writtenWhole,
                                 String condition) {
        String key = String.join(", ", columns);
        String anyNull = columns.stream().map(column -> column + " is null").collect(Collectors.joining(" or "));
        // of a table the load wrote in part, every row holding a written value (one scan, probing the few written
        // values), and the written rows holding a null, which no join finds; a key that holds the table's identity
        // only among the written rows: a kept row has another identity, since the load deleted every row of the
        // identities it wrote, so it cannot share the key
        String filter = condition == null ? "" : " where " + condition;
        String written = "written_" + model.name();
        String rows = testedWhole(model, writtenWhole) ? rowsOf(model.name(), key, condition)
                : columns.containsAll(model.incremental().identity()) ? rowsOf(written, key, condition)
                : "(select " + key + " from " + model.name() + " semi join " + written + " using (" + key + ")"
                        + filter + " union all select " + key + " from " + written + " where "
                        + (condition == null ? anyNull : "(" + anyNull + ") and " + condition) + ")";
        return "select '" + label + "' as model, concat_ws(', ', " + columns.stream()
                .map(column -> column + "::varchar").collect(Collectors.joining(", ")) + ") as key_value, "
                + "count(*) as occurrences from " + rows + " group by " + key + " having count(*) > 1 or bool_or("
                + anyNull + ")";
    }

    private static String rowsOf(String table, String key, String condition) {
        return condition == null ? table : "(select " + key + " from " + table + " where " + condition + ")";
    }

    /** Whether every row of the model is tested: it is not maintained by the load, or the load wrote it whole. */
    private static boolean testedWhole(Model model, Set<String> writtenWhole) {
        return !model.maintainedByLoad() || writtenWhole.contains(model.name());
    }

    private static String where(Model model) {
        return "the model file sql/" + model.layer() + "/" + model.name() + ".yml";
    }
}
