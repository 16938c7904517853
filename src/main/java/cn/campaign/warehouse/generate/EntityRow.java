package cn.campaign.warehouse.generate;

import cn.campaign.warehouse.validate.Entity;
import cn.campaign.warehouse.validate.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One record of an entity file as the export contract defines the entity: values are set by field name, and the row
 * is written in the entity's field order, under the header {@link #header(Entity)} gives. A name the entity does not
 * have fails at once, so the generator cannot drift from the contract; a field left unset is written empty. One
 * instance is reused for every row of a file, since a national campaign writes tens of millions of them.
 */
final class EntityRow {

    private final Entity entity;
    private final Map<String, Integer> positions = new HashMap<>();
    private final String[] values;
    private final StringBuilder line = new StringBuilder(256);

    EntityRow(Entity entity) {
        this.entity = entity;
        List<Field> fields = entity.fields();
        for (int i = 0; i < fields.size(); i++) {
            positions.put(fields.get(i).name(), i);
        }
        values = new String[fields.size()];
    }

    /** The header of the entity's files: its fields, in the contract's order. */
    static String header(Entity entity) {
        return String.join(",", entity.fields().stream().map(Field::name).toList());
    }

    EntityRow set(String field, Object value) {
        Integer position = positions.get(field);
        if (position == null) {
            throw new IllegalArgumentException("the export contract's " + entity.code() + " has no field " + field);
        }
        values[position] = value == null ? null : value.toString();
        return this;
    }

    /** The row as a CSV record (quoted where a value holds a comma, a quote or a line break), then cleared. */
    CharSequence take() {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = values[i];
            if (value == null) {
                continue;
            }
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        Arrays.fill(values, null);
        return line;
    }
}
