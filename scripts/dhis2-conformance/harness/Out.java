import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a DHIS2 reader made of a file, printed as JSON for compare.ts: groups, each with its rows. */
final class Out {
  static final class Group {
    final Map<String, Object> fields = new LinkedHashMap<>();
    final List<Map<String, Object>> rows = new ArrayList<>();
  }

  private Out() {}

  static String json(Object value) {
    if (value == null) return "null";
    if (value instanceof Boolean) return value.toString();
    if (value instanceof Map<?, ?> map) {
      StringBuilder text = new StringBuilder("{");
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (text.length() > 1) text.append(',');
        text.append(json(String.valueOf(entry.getKey()))).append(':').append(json(entry.getValue()));
      }
      return text.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder text = new StringBuilder("[");
      for (Object item : list) {
        if (text.length() > 1) text.append(',');
        text.append(json(item));
      }
      return text.append(']').toString();
    }
    if (value instanceof Group group) {
      Map<String, Object> all = new LinkedHashMap<>(group.fields);
      all.put("rows", group.rows);
      return json(all);
    }
    StringBuilder text = new StringBuilder("\"");
    for (char c : value.toString().toCharArray()) {
      if (c == '"' || c == '\\') text.append('\\').append(c);
      else if (c < 0x20) text.append(String.format("\\u%04x", (int) c));
      else text.append(c);
    }
    return text.append('"').toString();
  }

  static void print(List<Group> groups) {
    System.out.println(json(groups));
  }

  /** A reader refused the file: what it said. */
  static void refused(Throwable error) {
    Map<String, Object> refusal = new LinkedHashMap<>();
    refusal.put("refused", error.getClass().getSimpleName() + ": " + error.getMessage());
    System.out.println(json(refusal));
  }
}
