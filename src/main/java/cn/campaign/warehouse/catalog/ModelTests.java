package cn.campaign.warehouse.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The data tests the model files declare, as checks: each returns one row per offending value, like the hand-written
 * checks of {@code sql/checks}. {@code unique_key}: the model's key identifies exactly one row and is never null.
 */
final class ModelTests {

    private ModelTests() {
    }

    /** Check name to statement, for every test of every model. */
    static Map<String, String> checks(List<Model> models) {
        Map<String, String> checks = new LinkedHashMap<>();
        for (Model model : models) {
            for (String test : model.tests()) {
                if (!test.equals("unique_key")) {
                    throw new IllegalStateException("the model file sql/" + model.layer() + "/" + model.name()
                            + ".yml declares the test '" + test + "', which is not one of: unique_key");
                }
                if (model.key().isEmpty()) {
                    throw new IllegalStateException("the model file sql/" + model.layer() + "/" + model.name()
                            + ".yml declares unique_key but no key");
                }
                String key = String.join(", ", model.key());
                String anyNull = model.key().stream().map(column -> column + " is null")
                        .collect(Collectors.joining(" or "));
                checks.put("test_" + model.name() + "_unique_key", "select '" + model.name() + "' as model, "
                        + "concat_ws(', ', " + model.key().stream().map(column -> column + "::varchar")
                        .collect(Collectors.joining(", ")) + ") as key_value, count(*) as occurrences from "
                        + model.name() + " group by " + key + " having count(*) > 1 or bool_or(" + anyNull + ")");
            }
        }
        return checks;
    }
}
