import java.io.FileReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hisp.dhis.jsontree.JsonMixed;
import org.hisp.dhis.jsontree.JsonObject;
import org.hisp.dhis.jsontree.JsonString;
import org.hisp.dhis.jsontree.JsonValue;

/**
 * Reads a JSON dataValueSet with json-tree, the library 2.43's `DataEntryInput.fromJson` reads it
 * with, asking for each member as that method does (`getString(…).string()`, `getBoolean(…).bool()`),
 * so that a value of the wrong JSON type fails here as it fails there.
 */
public final class ReadJsonTree {
  public static void main(String[] args) throws Exception {
    try (FileReader in = new FileReader(args[0], java.nio.charset.StandardCharsets.UTF_8)) {
      JsonObject set = JsonValue.of(in).asObject();
      Out.Group group = new Out.Group();
      group.fields.put("dataSet", set.getString("dataSet").string());
      group.fields.put("completeDate", set.getString("completeDate").string());
      group.fields.put("orgUnit", set.getString("orgUnit").string());
      group.fields.put("period", set.getString("period").string());
      JsonString aoc = set.getString("attributeOptionCombo");
      group.fields.put("attributeOptionCombo", aoc.isString() ? aoc.string() : null);
      JsonValue dataValues = set.get("dataValues");
      if (dataValues.exists()) {
        dataValues.node().elements(false).forEachRemaining(node -> {
          JsonObject value = JsonMixed.of(node);
          JsonString coc = value.getString("categoryOptionCombo");
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("dataElement", value.getString("dataElement").string());
          row.put("orgUnit", value.getString("orgUnit").string());
          row.put("period", value.getString("period").string());
          row.put("categoryOptionCombo", coc.isString() ? coc.string() : null);
          row.put("attributeOptionCombo", value.getString("attributeOptionCombo").string());
          row.put("value", value.getString("value").string());
          row.put("comment", value.getString("comment").string());
          row.put("followUp", value.getBoolean("followUp").bool());
          group.rows.add(row);
        });
      }
      Out.print(List.of(group));
    } catch (RuntimeException error) {
      Out.refused(error);
    }
  }
}
