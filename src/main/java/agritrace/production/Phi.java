package agritrace.production;

import agritrace.http.Message;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
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
   * The plots on which every harvest is judged again: those a corrected operation ($1) is or was
   * on, and those a corrected input ($2) was applied on (found by the operations_input_applications
   * index, so the cost follows that input's applications, not every producer's operations).
   */
  private static final String REPLOTTED = """
      SELECT unit_id FROM operations WHERE id = ANY($1) OR (revision > 0 AND root_id = ANY($1))
      UNION
      SELECT unit_id FROM operations WHERE input_id = ANY($2) AND type IN %s""".formatted(
      OperationType.sql(OperationType.Group.APPLICATION));

  /**
   * Only current versions count: a row with a newer revision of the same record is history. Pairs
   * of (harvest, application in its cycle) come from three places, each found by index so the cost
   * follows what was stored, not how much history a plot has:
   * <ul>
   *   <li>$1: harvests judged whole (new or corrected): the applications in the cycle, back as far
   *       as the producer's ($5) longest interval reaches;</li>
   *   <li>$2: plots on which every harvest is judged whole ({@link #REPLOTTED});</li>
   *   <li>$3, $4: new applications with their input's longest interval: the harvests on the plot
   *       within that interval and before the next seeding or transplanting.</li>
   * </ul>
   * A pair breaks the rule when the harvest day is before the application day plus the interval
   * for the harvest's crop. Pairs already reported for the harvest's batch are left out.
   *
   * <p>Like every statement of a sync, it is planned once per connection
   * ({@link RecordWriter#PLANNED_ONCE}), so its shape is fixed by its text: every step is a
   * LATERAL subquery on the step before (OFFSET 0 or LIMIT keeps it one), an index look-up per row.
   */
  private static final String VIOLATIONS = """
      WITH judged AS MATERIALIZED (
        SELECT o.root_id, o.unit_id, o.occurred_at, o.local_date, o.crop
        FROM unnest($1::uuid[]) r(id)
        CROSS JOIN LATERAL (SELECT * FROM operations o WHERE %1$s ORDER BY o.revision DESC LIMIT 1) o
        UNION
        SELECT o.root_id, o.unit_id, o.occurred_at, o.local_date, o.crop
        FROM unnest($2::uuid[]) u(unit_id)
        CROSS JOIN LATERAL (SELECT * FROM operations o WHERE o.type = '%8$s' AND o.unit_id = u.unit_id AND %2$s
                            OFFSET 0) o
      ), longest AS MATERIALIZED (
        SELECT coalesce(max(%7$s), 0) AS days FROM inputs i WHERE producer_id = $5
      ), pairs AS (
        SELECT h.root_id AS harvest_id, h.local_date AS harvested_on, h.crop,
               a.root_id AS application_id, a.type, a.local_date AS applied_on, a.input_id, a.input_lot
        FROM judged h
        CROSS JOIN longest l
        CROSS JOIN LATERAL (SELECT %3$s AS start) c
        CROSS JOIN LATERAL (SELECT * FROM operations a
                            WHERE a.type IN %9$s AND a.unit_id = h.unit_id
                              AND a.occurred_at >= greatest(c.start, h.occurred_at - make_interval(days => l.days + 2))
                              AND a.occurred_at <= h.occurred_at AND %4$s
                            OFFSET 0) a
        UNION
        SELECT h.root_id, h.local_date, h.crop, a.root_id, a.type, a.local_date, a.input_id, a.input_lot
        FROM unnest($3::uuid[], $4::int[]) n(id, days)
        CROSS JOIN LATERAL (SELECT * FROM operations a WHERE a.id = n.id AND %4$s OFFSET 0) a
        CROSS JOIN LATERAL (SELECT %10$s AS next_start) c
        CROSS JOIN LATERAL (SELECT * FROM operations h
                            WHERE h.type = '%8$s' AND h.unit_id = a.unit_id AND h.local_date >= a.local_date
                              AND h.local_date < a.local_date + n.days AND h.occurred_at >= a.occurred_at
                              AND h.occurred_at < c.next_start AND %5$s
                            OFFSET 0) h
      )
      SELECT p.harvest_id, b.id AS batch_id, p.application_id, p.type, p.applied_on, p.input_lot,
             i.root_id AS input_id, i.name AS input_name, d.days, p.applied_on + d.days AS earliest
      FROM pairs p
      CROSS JOIN LATERAL (SELECT root_id, name, interval_days, intervals_by_crop FROM inputs i
                          WHERE %6$s ORDER BY revision DESC LIMIT 1) i
      CROSS JOIN LATERAL (SELECT coalesce((i.intervals_by_crop ->> p.crop)::int, i.interval_days, 0) AS days) d
      LEFT JOIN LATERAL (SELECT id FROM batches b WHERE b.harvest_id = p.harvest_id LIMIT 1) b ON true
      LEFT JOIN LATERAL (SELECT true AS reported FROM batch_violations f
                         WHERE f.batch_id = b.id AND f.application_id = p.application_id LIMIT 1) f ON true
      WHERE p.harvested_on < p.applied_on + d.days
        AND f.reported IS NULL
      ORDER BY p.harvest_id, earliest DESC, p.application_id""".formatted(
      RecordType.versionOf("o", "r.id"), RecordType.OPERATION.current("o"), Cycle.start("h.unit_id", "h.occurred_at"),
      RecordType.OPERATION.current("a"), RecordType.OPERATION.current("h"), RecordType.versionOf("i", "p.input_id"),
      longestInterval("i"), OperationType.HARVEST.id(), OperationType.sql(OperationType.Group.APPLICATION),
      Cycle.nextStart("a.unit_id", "a.occurred_at"));

  private Phi() {
  }

  /** SQL: the longest interval in days of the input version whose row is {@code alias}, over every crop. */
  static String longestInterval(String alias) {
    return "greatest(coalesce(" + alias + ".interval_days, 0), coalesce((SELECT max(value::int) FROM jsonb_each_text("
        + alias + ".intervals_by_crop)), 0))";
  }

  /** What the records stored by one request put up for judgement under the rule. */
  static final class Judgement {
    /** Harvests (root ids) to judge whole: new ones and corrected ones. */
    final Set<UUID> harvests = new HashSet<>();
    /** Corrected operations and inputs (root ids): every harvest on their plots is judged again. */
    final Set<UUID> correctedOperations = new HashSet<>();
    final Set<UUID> correctedInputs = new HashSet<>();
    /** New applications (record ids) and the longest interval in days of the input each used. */
    final Map<UUID, Integer> applications = new HashMap<>();

    boolean isEmpty() {
      return harvests.isEmpty() && correctedOperations.isEmpty() && correctedInputs.isEmpty() && applications.isEmpty();
    }
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

    /** What was broken, in words: the product, its lot, when it was applied, the interval and the earliest day. */
    Message message() {
      return Message.of(operation.equals(OperationType.VET_TREATMENT.id()) ? "phi.inside_withdrawal" : "phi.inside_interval",
          "inputName", inputName, "inputLot", inputLot, "appliedOn", appliedOn, "days", days, "earliest", earliest);
    }
  }

  /**
   * The violations not yet reported, per harvest record id; {@code batches} learns the batch of
   * each harvest that has one (a harvest stored in this transaction has none yet).
   */
  static Future<Map<UUID, List<Violation>>> newViolations(SqlClient conn, UUID producerId, Judgement judgement,
      Map<UUID, UUID> batches) {
    if (judgement.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Future<UUID[]> replotted = judgement.correctedOperations.isEmpty() && judgement.correctedInputs.isEmpty()
        ? Future.succeededFuture(new UUID[0])
        : conn.preparedQuery(REPLOTTED)
            .execute(Tuple.tuple().addArrayOfUUID(judgement.correctedOperations.toArray(UUID[]::new))
                .addArrayOfUUID(judgement.correctedInputs.toArray(UUID[]::new)))
            .map(rows -> {
              List<UUID> units = new ArrayList<>();
              rows.forEach(row -> units.add(row.getUUID("unit_id")));
              return units.toArray(UUID[]::new);
            });
    List<UUID> applications = new ArrayList<>(judgement.applications.keySet());
    return replotted.compose(units -> conn.preparedQuery(VIOLATIONS).execute(Tuple.of(
        judgement.harvests.toArray(UUID[]::new),
        units,
        applications.toArray(UUID[]::new),
        applications.stream().map(judgement.applications::get).toArray(Integer[]::new),
        producerId))).map(rows -> {
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
      return found;
    });
  }
}
