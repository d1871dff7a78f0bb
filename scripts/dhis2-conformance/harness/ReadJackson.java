import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hisp.dhis.dxf2.datavalue.DataValue;
import org.hisp.dhis.dxf2.datavalueset.DataValueSet;

/**
 * Reads a JSON dataValueSet as 2.38 to 2.42 do (`JsonDataValueSetReader`): Jackson binding the file to
 * DHIS2's own `DataValueSet` and `DataValue`, with the mapper settings that decide which members are
 * read (`JacksonObjectMapperConfig.configureMapper`: unknown members ignored, no auto-detection).
 */
public final class ReadJackson {
  public static void main(String[] args) throws Exception {
    ObjectMapper mapper = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(MapperFeature.AUTO_DETECT_FIELDS, MapperFeature.AUTO_DETECT_CREATORS, MapperFeature.AUTO_DETECT_GETTERS,
            MapperFeature.AUTO_DETECT_SETTERS, MapperFeature.AUTO_DETECT_IS_GETTERS)
        .build();
    try {
      DataValueSet set = mapper.readValue(new File(args[0]), DataValueSet.class);
      Out.Group group = new Out.Group();
      group.fields.put("dataSet", set.getDataSet());
      group.fields.put("completeDate", set.getCompleteDate());
      group.fields.put("orgUnit", set.getOrgUnit());
      group.fields.put("period", set.getPeriod());
      group.fields.put("attributeOptionCombo", set.getAttributeOptionCombo());
      for (DataValue value : set.getDataValues()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("dataElement", value.getDataElement());
        row.put("orgUnit", value.getOrgUnit());
        row.put("period", value.getPeriod());
        row.put("categoryOptionCombo", value.getCategoryOptionCombo());
        row.put("attributeOptionCombo", value.getAttributeOptionCombo());
        row.put("value", value.getValue());
        row.put("comment", value.getComment());
        row.put("followUp", value.getFollowup());
        group.rows.add(row);
      }
      Out.print(List.of(group));
    } catch (Exception error) {
      Out.refused(error);
    }
  }
}
