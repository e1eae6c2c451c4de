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

  /** Only current versions count: a row with a newer revision of the same record is history. */
  private static final String CURRENT = "NOT EXISTS (SELECT 1 FROM %s n WHERE n.root_id = %s.root_id AND n.revision > %s.revision)";

  private static final String VIOLATIONS = """
      WITH h AS (
        SELECT b.id AS batch_id, o.unit_id, o.occurred_at, o.local_date, o.crop
        FROM operations o JOIN batches b ON b.harvest_id = o.root_id
        WHERE o.type = 'harvest' AND o.unit_id = ANY($1) AND ($2::date IS NULL OR o.local_date >= $2)
          AND %1$s
      ), c AS (
        SELECT h.*, (SELECT max(s.occurred_at) FROM operations s
                     WHERE s.unit_id = h.unit_id AND s.type IN ('seeding', 'transplanting')
                       AND s.occurred_at <= h.occurred_at AND %2$s) AS cycle_start
        FROM h
      )
      SELECT c.batch_id, a.root_id AS application_id, a.type, a.local_date AS applied_on, a.input_lot,
             i.root_id AS input_id, i.name AS input_name, d.days, a.local_date + d.days AS earliest
      FROM c
      JOIN operations a ON a.unit_id = c.unit_id AND a.type IN ('pesticide_application', 'vet_treatment')
        AND a.occurred_at <= c.occurred_at AND (c.cycle_start IS NULL OR a.occurred_at >= c.cycle_start)
        AND %3$s
      JOIN inputs i ON i.root_id = a.input_id AND %4$s
      CROSS JOIN LATERAL (SELECT COALESCE((i.intervals_by_crop ->> c.crop)::int, i.interval_days, 0) AS days) d
      WHERE c.local_date < a.local_date + d.days
      ORDER BY c.batch_id, earliest DESC, a.root_id""".formatted(
      CURRENT.formatted("operations", "o", "o"), CURRENT.formatted("operations", "s", "s"),
      CURRENT.formatted("operations", "a", "a"), CURRENT.formatted("inputs", "i", "i"));

  private static final String FLAGGED = """
      SELECT e.batch_id, v ->> 'applicationId' AS application_id
      FROM batch_events e CROSS JOIN LATERAL jsonb_array_elements(e.details -> 'violations') v
      WHERE e.batch_id = ANY($1) AND e.details ? 'violations'""";

  private Phi() {
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
   * The violations not yet flagged on each batch harvested on the given units since
   * {@code since} (null: any time).
   */
  static Future<Map<UUID, List<Violation>>> newViolations(SqlConnection conn, Set<UUID> units, LocalDate since) {
    if (units.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return conn.preparedQuery(VIOLATIONS).execute(Tuple.of(units.toArray(UUID[]::new), since))
        .compose(rows -> {
          Map<UUID, List<Violation>> found = new HashMap<>();
          for (Row row : rows) {
            found.computeIfAbsent(row.getUUID("batch_id"), id -> new ArrayList<>()).add(new Violation(
                row.getUUID("application_id"), row.getString("type"), row.getLocalDate("applied_on"),
                row.getString("input_lot"), row.getUUID("input_id"), row.getString("input_name"),
                row.getInteger("days"), row.getLocalDate("earliest")));
          }
          if (found.isEmpty()) {
            return Future.succeededFuture(found);
          }
          return conn.preparedQuery(FLAGGED).execute(Tuple.of(found.keySet().toArray(UUID[]::new)))
              .map(flaggedRows -> {
                Set<String> flagged = new HashSet<>();
                flaggedRows.forEach(r -> flagged.add(r.getUUID("batch_id") + "/" + r.getString("application_id")));
                found.forEach((batch, list) -> list.removeIf(v -> flagged.contains(batch + "/" + v.applicationId())));
                found.values().removeIf(List::isEmpty);
                return found;
              });
        });
  }
}
