package agritrace.production;

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

  static RecordType of(String id) {
    return BY_NAME.get(id);
  }
}
