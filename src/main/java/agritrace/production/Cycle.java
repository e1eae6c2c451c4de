package agritrace.production;

/**
 * The crop cycle, in SQL: a plot's cycle starts at its latest current seeding or transplanting,
 * and runs until the next one. The one place this rule is written; the interval rule ({@link Phi})
 * and a batch's cycle of operations ({@link Batches}) both use it.
 */
final class Cycle {

  private static final String STARTS = "SELECT s.occurred_at FROM operations s WHERE s.type IN "
      + OperationType.sql(OperationType.Group.CYCLE_START) + " AND s.unit_id = %s AND s.occurred_at %s %s AND "
      + RecordType.OPERATION.current("s") + " ORDER BY s.occurred_at %s LIMIT 1";

  private Cycle() {
  }

  /** SQL: when the cycle holding time {@code at} on plot {@code unit} started ('-infinity' if none did). */
  static String start(String unit, String at) {
    return "coalesce((" + STARTS.formatted(unit, "<=", at, "DESC") + "), '-infinity')";
  }

  /** SQL: when the next cycle after time {@code after} on plot {@code unit} starts ('infinity' if none). */
  static String nextStart(String unit, String after) {
    return "coalesce((" + STARTS.formatted(unit, ">", after, "ASC") + "), 'infinity')";
  }
}
