package agritrace.production;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The pre-harvest interval rule (安全间隔期, and 休药期 for veterinary drugs): a harvest is
 * allowed only on or after each application's date plus its interval in days, for every
 * pesticide or veterinary drug applied to the plot in the harvest's cycle. The cycle starts at
 * the plot's latest seeding or transplanting before the harvest. Judged on the current version of
 * every record, whenever records that bear on it arrive, in whatever order they arrive.
 */
final class Phi {

  /**
   * Only current versions count: a row with a newer revision of the same record is history.
   * $1..$3: windows (plot, first day, last day or null) in which harvests may be affected. The
   * CTEs are materialized so each harvest's cycle start is looked up once, by index.
   */
  private static final String VIOLATIONS = """
      WITH w AS (SELECT * FROM unnest($1::uuid[], $2::date[], $3::date[]) AS w(unit_id, first_day, last_day)),
      h AS MATERIALIZED (
        SELECT DISTINCT o.root_id AS harvest_id, b.id AS batch_id, o.unit_id, o.occurred_at, o.local_date, o.crop
        FROM w JOIN operations o ON o.type = 'harvest' AND o.unit_id = w.unit_id AND o.local_date >= w.first_day
                                 AND (w.last_day IS NULL OR o.local_date <= w.last_day)
        LEFT JOIN batches b ON b.harvest_id = o.root_id
        WHERE %1$s
      ), c AS MATERIALIZED (
        SELECT h.*, coalesce((SELECT s.occurred_at FROM operations s
                              WHERE s.type IN ('seeding', 'transplanting') AND s.unit_id = h.unit_id
                                AND s.occurred_at <= h.occurred_at AND %2$s
                              ORDER BY s.occurred_at DESC LIMIT 1), '-infinity') AS cycle_start
        FROM h
      )
      SELECT c.harvest_id, c.batch_id, a.root_id AS application_id, a.type, a.local_date AS applied_on, a.input_lot,
             i.root_id AS input_id, i.name AS input_name, d.days, a.local_date + d.days AS earliest
      FROM c
      JOIN operations a ON a.type IN ('pesticide_application', 'vet_treatment') AND a.unit_id = c.unit_id
        AND a.occurred_at BETWEEN c.cycle_start AND c.occurred_at
        AND %3$s
      JOIN inputs i ON (i.id = a.input_id OR (i.revision > 0 AND i.root_id = a.input_id)) AND %4$s
      CROSS JOIN LATERAL (SELECT COALESCE((i.intervals_by_crop ->> c.crop)::int, i.interval_days, 0) AS days) d
      WHERE c.local_date < a.local_date + d.days
      ORDER BY c.harvest_id, earliest DESC, a.root_id""".formatted(
      RecordType.OPERATION.current("o"), RecordType.OPERATION.current("s"),
      RecordType.OPERATION.current("a"), RecordType.INPUT.current("i"));

  private static final String FLAGGED = """
      SELECT e.batch_id, v ->> 'applicationId' AS application_id
      FROM batch_events e CROSS JOIN LATERAL jsonb_array_elements(e.details -> 'violations') v
      WHERE e.batch_id = ANY($1) AND e.details ? 'violations'""";

  private Phi() {
  }

  /** Where a stored record may change the judgement: harvests on a plot from one day to another (null: any later day). */
  record Window(UUID unitId, LocalDate firstDay, LocalDate lastDay) {
  }

  /** One application whose interval a harvest broke. */
  record Violation(UUID applicationId, String operation, LocalDate appliedOn, String inputLot, UUID inputId,
      String inputName, int days, LocalDate earliest) {

    JsonObject toJson() {
      return new JsonObject()
          .put("applicationId", applicationId.toString())
          .put("operation", operation)
          .put("appliedOn", appliedOn.toString())
          .put("inputId", inputId.toString())
          .put("inputName", inputName)
          .put("inputLot", inputLot)
          .put("intervalDays", days)
          .put("earliestHarvest", earliest.toString());
    }

    String describe() {
      String rule = operation.equals("vet_treatment") ? "withdrawal period (休药期)" : "pre-harvest interval (安全间隔期)";
      return inputName + (inputLot == null ? "" : " (lot " + inputLot + ")") + " was applied on " + appliedOn
          + " and its " + rule + " is " + days + " days: the earliest allowed harvest is " + earliest;
    }
  }

  /**
   * The violations not yet flagged, per harvest record id, of the harvests within the windows;
   * {@code batches} learns the batch of each harvest that has one (a harvest stored in this
   * transaction has none yet).
   */
  static Future<Map<UUID, List<Violation>>> newViolations(SqlConnection conn, List<Window> windows, Map<UUID, UUID> batches) {
    if (windows.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Tuple args = Tuple.of(
        windows.stream().map(Window::unitId).toArray(UUID[]::new),
        windows.stream().map(Window::firstDay).toArray(LocalDate[]::new),
        windows.stream().map(Window::lastDay).toArray(LocalDate[]::new));
    return conn.preparedQuery(VIOLATIONS).execute(args)
        .compose(rows -> {
          Map<UUID, List<Violation>> found = new HashMap<>();
          for (Row row : rows) {
            if (row.getUUID("batch_id") != null) {
              batches.put(row.getUUID("harvest_id"), row.getUUID("batch_id"));
            }
            found.computeIfAbsent(row.getUUID("harvest_id"), id -> new ArrayList<>()).add(new Violation(
                row.getUUID("application_id"), row.getString("type"), row.getLocalDate("applied_on"),
                row.getString("input_lot"), row.getUUID("input_id"), row.getString("input_name"),
                row.getInteger("days"), row.getLocalDate("earliest")));
          }
          if (batches.isEmpty()) {
            return Future.succeededFuture(found);
          }
          return conn.preparedQuery(FLAGGED).execute(Tuple.of(batches.values().toArray(UUID[]::new)))
              .map(flaggedRows -> {
                Set<String> flagged = new HashSet<>();
                flaggedRows.forEach(r -> flagged.add(r.getUUID("batch_id") + "/" + r.getString("application_id")));
                found.forEach((harvest, list) -> list.removeIf(v -> flagged.contains(batches.get(harvest) + "/" + v.applicationId())));
                found.values().removeIf(List::isEmpty);
                return found;
              });
        });
  }
}
