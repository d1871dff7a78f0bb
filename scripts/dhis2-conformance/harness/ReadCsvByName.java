import java.io.FileInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hisp.dhis.csv.CSV;
import org.hisp.dhis.datavalue.DataEntryValue;

/**
 * Reads a CSV file with DHIS2's own CSV reader (`CSV.java`, `LineBuffer.java`) into its own record
 * `DataEntryValue.Input`, as 2.43's `DataEntryInput.fromCsv` does, and prints the rows.
 */
public final class ReadCsvByName {
  public static void main(String[] args) throws Exception {
    try (InputStream in = new FileInputStream(args[0])) {
      List<DataEntryValue.Input> values = CSV.of(in).as(DataEntryValue.Input.class).list();
      Out.Group group = new Out.Group();
      for (DataEntryValue.Input value : values) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("dataElement", value.dataElement());
        row.put("orgUnit", value.orgUnit());
        row.put("period", value.period());
        row.put("categoryOptionCombo", value.categoryOptionCombo());
        row.put("attributeOptionCombo", value.attributeOptionCombo());
        row.put("value", value.value());
        row.put("comment", value.comment());
        row.put("followUp", value.followUp());
        if (value.categoryOptions() != null) row.put("categoryOptions", value.categoryOptions());
        group.rows.add(row);
      }
      Out.print(List.of(group));
    } catch (RuntimeException error) {
      Out.refused(error);
    }
  }
}
