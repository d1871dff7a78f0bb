import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a DXF2 `dataValueSet` or an ADX file with the JDK's StAX parser (DHIS2 reads both with StAX,
 * through its staxwax wrapper), taking the attributes DHIS2's readers take: a file that is not
 * well-formed fails here as there. With `pipeline` (2.43 and later), ADX is read as
 * `DataEntryInput.fromAdxXml` reads it: the other attributes of a `group` without
 * `attributeOptionCombo`, and of a `dataValue` without `categoryOptionCombo`, are category options.
 */
public final class ReadStax {
  private static Map<String, String> attributes(XMLStreamReader xml) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < xml.getAttributeCount(); i++) attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
    return attributes;
  }

  /** `2026-10-01/P1M` → `202610`, `2026-07-01/P3M` → `2026Q3`, `2026-01-01/P1Y` → `2026`; anything else as it is. */
  private static String adxPeriod(String period) {
    if (period == null) return null;
    java.util.regex.Matcher match = java.util.regex.Pattern.compile("^(\\d{4})-(\\d{2})-01/P(1M|3M|1Y)$").matcher(period);
    if (!match.matches()) return period;
    String year = match.group(1);
    int month = Integer.parseInt(match.group(2));
    return switch (match.group(3)) {
      case "1M" -> year + match.group(2);
      case "3M" -> year + "Q" + ((month + 2) / 3);
      default -> year;
    };
  }

  public static void main(String[] args) throws Exception {
    XMLInputFactory factory = XMLInputFactory.newInstance();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    List<Out.Group> groups = new ArrayList<>();
    boolean pipeline = args.length > 1 && args[1].equals("pipeline");
    try (InputStream in = new FileInputStream(args[0])) {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      Out.Group group = null;
      boolean adx = false;
      while (xml.hasNext()) {
        if (xml.next() != XMLStreamConstants.START_ELEMENT) continue;
        String name = xml.getLocalName();
        if (name.equals("adx")) adx = true;
        Map<String, String> found = attributes(xml);
        if (name.equals("dataValueSet") || name.equals("group")) {
          group = new Out.Group();
          group.fields.put("dataSet", found.get("dataSet"));
          group.fields.put("completeDate", found.get("completeDate"));
          group.fields.put("orgUnit", found.get("orgUnit"));
          group.fields.put("period", name.equals("group") ? adxPeriod(found.get("period")) : found.get("period"));
          group.fields.put("attributeOptionCombo", found.get("attributeOptionCombo"));
          if (pipeline && name.equals("group") && !found.containsKey("attributeOptionCombo")) {
            // 2.43 takes every other attribute of such a group for an attribute option
            for (String known : new String[] {"orgUnit", "period", "dataSet"}) found.remove(known);
            if (!found.isEmpty()) group.fields.put("attributeOptions", found);
          }
          groups.add(group);
        } else if (name.equals("dataValue") && group != null) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("dataElement", found.remove("dataElement"));
          String coc = found.remove("categoryOptionCombo");
          row.put("categoryOptionCombo", coc);
          row.put("value", found.remove("value"));
          row.put("comment", found.remove("comment"));
          if (adx) {
            // 2.43 reads `followup`; 2.38 to 2.42 hand the attributes to their DXF2 reader, which reads `followUp`
            row.put("followUp", found.remove(pipeline ? "followup" : "followUp"));
            // without a combo, an ADX value names its categories' options in its other attributes (maybe none)
            if (pipeline && coc == null) row.put("categoryOptions", found);
          } else {
            row.put("orgUnit", found.remove("orgUnit"));
            row.put("period", found.remove("period"));
            row.put("attributeOptionCombo", found.remove("attributeOptionCombo"));
            row.put("followUp", found.remove("followUp"));
          }
          group.rows.add(row);
        }
      }
      Out.print(groups);
    } catch (XMLStreamException | RuntimeException error) {
      Out.refused(error);
    }
  }
}
