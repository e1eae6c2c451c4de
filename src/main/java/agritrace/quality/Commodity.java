package agritrace.quality;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Arrays;
import java.util.List;

/**
 * A commodity of the reference catalogue, a leaf (青菜) or a group (叶菜类, 蔬菜): residue limits
 * name one, and a limit named for a group holds for everything under it.
 *
 * @param code its stable code, e.g. {@code qingcai}
 * @param parentCode the group it belongs to, null at the top
 * @param aliases other names a grower may write for it (小白菜, 上海青)
 */
public record Commodity(String code, String parentCode, String nameZh, String nameEn, List<String> aliases) {

  static final String COLUMNS = "code, parent_code, name_zh, name_en, aliases";

  static Commodity from(Row row) {
    String[] aliases = row.getArrayOfStrings("aliases");
    return new Commodity(row.getString("code"), row.getString("parent_code"), row.getString("name_zh"),
        row.getString("name_en"), aliases == null ? List.of() : Arrays.asList(aliases));
  }

  JsonObject toJson() {
    return new JsonObject().put("code", code).put("parent", parentCode).put("nameZh", nameZh).put("nameEn", nameEn)
        .put("aliases", new JsonArray(List.copyOf(aliases)));
  }
}
