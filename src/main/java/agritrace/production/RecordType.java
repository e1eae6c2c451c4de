package agritrace.production;

import agritrace.http.Access;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Map;

/**
 * The kinds of production record a phone sends, each kept in its own append-only table where
 * {@code root_id} names the original record and {@code revision} counts its corrections.
 */
public enum RecordType {
  PLOT("plot", "production_units"),
  INPUT("input", "inputs"),
  OPERATION("operation", "operations");

  private static final Map<String, RecordType> BY_NAME =
      Map.of("plot", PLOT, "input", INPUT, "operation", OPERATION);

  private final String id;
  private final String table;

  RecordType(String id, String table) {
    this.id = id;
    this.table = table;
  }

  /** The name used in the API: plot, input or operation. */
  public String id() {
    return id;
  }

  /** The table; a constant of this enum, never text from a request. */
  String table() {
    return table;
  }

  /**
   * SQL: no newer version of the record whose row is {@code alias} exists (it is current). OFFSET 0
   * keeps it a look-up in the corrections index per row, never a join over every correction, even
   * in a plan made once while there were hardly any.
   */
  String current(String alias) {
    return "NOT EXISTS (SELECT 1 FROM " + table + " n WHERE n.revision > 0 AND n.root_id = " + alias
        + ".root_id AND n.revision > " + alias + ".revision OFFSET 0)";
  }

  /** SQL: the row {@code alias} is a version of the record {@code root} (an SQL expression). */
  static String versionOf(String alias, String root) {
    return "(" + alias + ".id = " + root + " OR (" + alias + ".revision > 0 AND " + alias + ".root_id = " + root + "))";
  }

  /** Whose a record of this type is, by the id of any of its versions, for {@link Access#record}. */
  public Access.Owner owner(SqlClient client) {
    String sql = "SELECT producer_id FROM " + table + " WHERE id = $1";
    return id -> client.preparedQuery(sql).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("producer_id"));
  }

  static RecordType of(String id) {
    return BY_NAME.get(id);
  }
}
