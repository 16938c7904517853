package cn.campaign.warehouse.model;

import cn.campaign.warehouse.validate.Entity;
import cn.campaign.warehouse.validate.Field;
import cn.campaign.warehouse.validate.FieldType;
import cn.campaign.warehouse.validate.IdNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How the accepted records of an entity are kept in staging: every field but personal data, {@code op}, and in
 * place of the identity number the pseudonymous {@code graduate_id} with what the number tells (gender, birth
 * year, origin province). Difficulty groups are kept sorted so that equal sets compare equal.
 */
public final class StagedLayout {

    private final Entity entity;
    private final List<StagedColumn> columns = new ArrayList<>();

    public StagedLayout(Entity entity) {
        this.entity = entity;
        columns.add(new StagedColumn("op", FieldType.TEXT));
        for (Field field : entity.fields()) {
            if (field.name().equals("id_number")) {
                columns.add(new StagedColumn("graduate_id", FieldType.TEXT));
                columns.add(new StagedColumn("gender", FieldType.TEXT));
                columns.add(new StagedColumn("birth_year", FieldType.INT));
                columns.add(new StagedColumn("origin_province_code", FieldType.TEXT));
            } else if (!field.personal()) {
                columns.add(new StagedColumn(field.name(), field.type()));
            }
        }
    }

    public Entity entity() {
        return entity;
    }

    public List<StagedColumn> columns() {
        return columns;
    }

    /** The staged row of an accepted record. */
    public Object[] stage(Object[] values, boolean withdrawn, Pseudonymizer pseudonymizer) {
        Object[] row = new Object[columns.size()];
        int column = 0;
        row[column++] = withdrawn ? "D" : "U";
        List<Field> fields = entity.fields();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            Object value = values[i];
            if (field.name().equals("id_number")) {
                String number = IdNumber.canonical((String) value);
                row[column++] = pseudonymizer.graduateId(number);
                row[column++] = IdNumber.gender(number);
                row[column++] = (long) IdNumber.birthYear(number);
                row[column++] = IdNumber.originProvince(number);
            } else if (!field.personal()) {
                row[column++] = field.name().equals("difficulty") && value != null
                        ? sortedGroups((String) value) : value;
            }
        }
        return row;
    }

    private static String sortedGroups(String groups) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String group : groups.split(";")) {
            if (!group.isBlank()) {
                sorted.add(group.trim());
            }
        }
        return sorted.isEmpty() ? null : String.join(";", sorted);
    }
}
