package agritrace.production;

import agritrace.http.Access;
import agritrace.http.ApiError;
import agritrace.http.Message;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The owner of the batch tables (batches, their status events, lot counters and reported
 * violations): nothing else writes them. Other pillars change a batch's status through
 * {@link #change} inside their own transaction; the moves allowed are {@link BatchStatus}'s.
 */
public final class Batches {

  /**
   * Makes the producer's ($1) new batches, $2..$4 (id, harvest, day), and appends the events,
   * $5..$9 (batch, status, message as JSON text, details as JSON text, user; at most one per
   * batch), with the (batch, application) pairs they report, $10 and $11, all in one statement.
   * Each day's lot counter is taken once, days in order, so concurrent syncs never deadlock. A
   * batch's number follows the order of the list; its lot code is SHORT-yyyyMMdd-NNN.
   */
  private static final String RECORD = """
      WITH days AS (
        SELECT day, count(*)::int AS n FROM unnest($4::date[]) day GROUP BY day
      ), taken AS (
        INSERT INTO lot_sequences (producer_id, day, last)
        SELECT $1, day, n FROM days ORDER BY day
        ON CONFLICT (producer_id, day) DO UPDATE SET last = lot_sequences.last + excluded.last
        RETURNING day, last
      ), numbered AS (
        SELECT b.id, b.harvest_id, b.day, t.last - d.n + row_number() OVER (PARTITION BY b.day ORDER BY b.ord) AS sequence
        FROM unnest($2::uuid[], $3::uuid[], $4::date[]) WITH ORDINALITY b(id, harvest_id, day, ord)
        JOIN taken t ON t.day = b.day JOIN days d ON d.day = b.day
      ), made AS (
        INSERT INTO batches (id, producer_id, harvest_id, lot_code)
        SELECT n.id, p.id, n.harvest_id, p.short_code || '-' || to_char(n.day, 'YYYYMMDD') || '-'
                                         || lpad(n.sequence::text, greatest(3, length(n.sequence::text)), '0')
        FROM numbered n JOIN producers p ON p.id = $1
        RETURNING id, harvest_id, lot_code, created_at
      ), e AS (
        INSERT INTO batch_events (batch_id, status, message, details, by_user)
        SELECT batch_id, status, message::jsonb, details::jsonb, by_user
        FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::uuid[])
             WITH ORDINALITY t(batch_id, status, message, details, by_user, n)
        ORDER BY n
        RETURNING id, batch_id
      ), reported AS (
        INSERT INTO batch_violations (batch_id, application_id, event_id)
        SELECT v.batch_id, v.application_id, e.id
        FROM unnest($10::uuid[], $11::uuid[]) v(batch_id, application_id) JOIN e ON e.batch_id = v.batch_id
      )
      SELECT id, harvest_id, lot_code, created_at FROM made""";
  private static final String LATEST = """
      SELECT b.id, b.producer_id, b.harvest_id, b.lot_code, b.created_at, e.status, e.message, e.reason, e.details
      FROM batches b
      JOIN LATERAL (SELECT %s AS status, message, reason, details FROM batch_events e
                    WHERE batch_id = b.id ORDER BY id DESC LIMIT 1) e ON true
      """.formatted(BatchStatus.sql("e"));
  private static final String BY_HARVESTS = LATEST + " WHERE b.harvest_id = ANY($1)";
  private static final String BY_ID = LATEST + " WHERE b.id = $1";
  private static final String OF_HARVEST = LATEST + " WHERE b.harvest_id = (SELECT root_id FROM operations WHERE id = $1)";
  /** Locks batches in id order, so two writers locking several never deadlock. */
  private static final String LOCK = "SELECT id FROM batches WHERE id = ANY($1) ORDER BY id FOR UPDATE";
  private static final String LOCKED_STATUS = LATEST + " WHERE b.id = ANY($1)";
  private static final String OWNER = "SELECT producer_id FROM batches WHERE id = $1";
  private static final String CROP = "SELECT o.crop FROM batches b JOIN operations o ON %s WHERE b.id = $1 ORDER BY o.revision DESC LIMIT 1"
      .formatted(RecordType.versionOf("o", "b.harvest_id"));
  /** The active ingredients of the inputs, as they now stand, of every application the batch was held for. */
  private static final String HELD_INGREDIENTS = """
      SELECT DISTINCT unnest(i.active_ingredients) AS ingredient FROM batch_violations v
      JOIN LATERAL (SELECT input_id FROM operations o WHERE %s ORDER BY revision DESC LIMIT 1) a ON true
      JOIN LATERAL (SELECT active_ingredients FROM inputs i WHERE %s ORDER BY revision DESC LIMIT 1) i ON true
      WHERE v.batch_id = $1""".formatted(RecordType.versionOf("o", "v.application_id"), RecordType.versionOf("i", "a.input_id"));

  private Batches() {
  }

  /** A batch to make: its id, the harvest record that makes it, and the day of the harvest. */
  record NewBatch(UUID id, UUID harvestId, LocalDate day) {
  }

  /**
   * A status event to append: {@code details} may be null, {@code by} is null for agritrace's own
   * rules, and {@code violated} names the applications whose broken intervals it reports.
   */
  record Event(UUID batch, BatchStatus status, Message reason, JsonObject details, UUID by, List<UUID> violated) {
  }

  /** Whose a batch is, for {@link Access#record}. */
  public static Access.Owner owner(SqlClient client) {
    return id -> client.preparedQuery(OWNER).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("producer_id"));
  }

  /** The batch as it stands, or null. */
  public static Future<Batch> find(SqlClient client, UUID id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : Batch.from(rows.iterator().next()));
  }

  /** The batch the harvest with this id (any version's) made, as it stands, or null. */
  public static Future<Batch> ofHarvest(SqlClient client, UUID harvestId) {
    return client.preparedQuery(OF_HARVEST).execute(Tuple.of(harvestId))
        .map(rows -> rows.size() == 0 ? null : Batch.from(rows.iterator().next()));
  }

  /**
   * Moves a batch to {@code to}, saying who ({@code by}) and why, inside the caller's transaction;
   * answers the batch as it then stands. A move {@link BatchStatus} does not allow fails with a 409
   * naming the current status and the allowed ones, and changes nothing.
   */
  public static Future<Batch> change(SqlClient tx, UUID batchId, BatchStatus to, UUID by, Message reason) {
    return lock(tx, List.of(batchId)).compose(current -> {
      BatchStatus from = current.get(batchId);
      if (from == null) {
        return Future.failedFuture(ApiError.notFound("batch"));
      }
      if (from.next().isEmpty()) {
        return Future.failedFuture(ApiError.conflict(null, "batch.final_status", "current", from.id(), "wanted", to.id(),
            "allowed", List.of(), "currentName", from.title()));
      }
      if (!from.allows(to)) {
        List<BatchStatus> allowed = from.next().stream().sorted().toList();
        return Future.failedFuture(ApiError.conflict(null, "batch.illegal_transition",
            "current", from.id(), "wanted", to.id(), "allowed", allowed.stream().map(BatchStatus::id).toList(),
            "currentName", from.title(), "wantedName", to.title(), "allowedNames", allowed.stream().map(BatchStatus::title).toList()));
      }
      return record(tx, null, List.of(), List.of(new Event(batchId, to, reason, null, by, List.of())))
          .compose(none -> find(tx, batchId));
    });
  }

  /** The crop its harvest names (free text, as the grower wrote it), or null. */
  public static Future<String> crop(SqlClient client, UUID batchId) {
    return client.preparedQuery(CROP).execute(Tuple.of(batchId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("crop"));
  }

  /**
   * The active ingredients of the inputs whose broken pre-harvest intervals the batch was held
   * for: what a lab test must cover to release it. Empty when it was never held for one.
   */
  public static Future<java.util.Set<String>> heldForIngredients(SqlClient client, UUID batchId) {
    return client.preparedQuery(HELD_INGREDIENTS).execute(Tuple.of(batchId)).map(rows -> {
      java.util.Set<String> ingredients = new java.util.TreeSet<>();
      rows.forEach(row -> ingredients.add(row.getString("ingredient")));
      return ingredients;
    });
  }

  /** Locks the batches and answers each one's current status, by batch id. */
  public static Future<Map<UUID, BatchStatus>> lock(SqlClient tx, Collection<UUID> ids) {
    UUID[] array = ids.toArray(UUID[]::new);
    return tx.preparedQuery(LOCK).execute(Tuple.of((Object) array))
        .compose(locked -> tx.preparedQuery(LOCKED_STATUS).execute(Tuple.of((Object) array)))
        .map(rows -> {
          Map<UUID, BatchStatus> statuses = new HashMap<>();
          rows.forEach(row -> statuses.put(row.getUUID("id"), BatchStatus.of(row.getString("status"))));
          return statuses;
        });
  }

  /**
   * Makes the producer's new batches and appends the events, at most one per batch, in one
   * statement ({@link #RECORD}). Answers each new batch by harvest id; every new batch comes with
   * its first event.
   */
  static Future<Map<UUID, Batch>> record(SqlClient tx, UUID producerId, List<NewBatch> batches, List<Event> events) {
    if (batches.isEmpty() && events.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<UUID> violatedBatches = new ArrayList<>();
    List<UUID> violated = new ArrayList<>();
    events.forEach(e -> e.violated().forEach(application -> {
      violatedBatches.add(e.batch());
      violated.add(application);
    }));
    return tx.preparedQuery(RECORD).execute(Tuple.tuple()
            .addUUID(producerId)
            .addArrayOfUUID(batches.stream().map(NewBatch::id).toArray(UUID[]::new))
            .addArrayOfUUID(batches.stream().map(NewBatch::harvestId).toArray(UUID[]::new))
            .addArrayOfLocalDate(batches.stream().map(NewBatch::day).toArray(LocalDate[]::new))
            .addArrayOfUUID(events.stream().map(Event::batch).toArray(UUID[]::new))
            .addArrayOfString(events.stream().map(e -> e.status().id()).toArray(String[]::new))
            .addArrayOfString(events.stream().map(e -> e.reason().toJson().encode()).toArray(String[]::new))
            .addArrayOfString(events.stream().map(e -> e.details() == null ? null : e.details().encode()).toArray(String[]::new))
            .addArrayOfUUID(events.stream().map(Event::by).toArray(UUID[]::new))
            .addArrayOfUUID(violatedBatches.toArray(UUID[]::new))
            .addArrayOfUUID(violated.toArray(UUID[]::new)))
        .map(rows -> {
          Map<UUID, Event> firstEvents = new HashMap<>();
          events.forEach(e -> firstEvents.put(e.batch(), e));
          Map<UUID, Batch> made = new HashMap<>();
          for (Row row : rows) {
            Event first = firstEvents.get(row.getUUID("id"));
            made.put(row.getUUID("harvest_id"), new Batch(row.getUUID("id"), producerId, row.getUUID("harvest_id"),
                row.getString("lot_code"), row.getOffsetDateTime("created_at"), first.status(), first.reason(),
                first.details()));
          }
          return made;
        });
  }

  /** The batch each harvest made, as it stands, keyed by harvest record id. */
  static Future<Map<UUID, Batch>> byHarvest(SqlClient client, Collection<UUID> harvestIds) {
    if (harvestIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return client.preparedQuery(BY_HARVESTS).execute(Tuple.of(harvestIds.toArray(UUID[]::new))).map(rows -> {
      Map<UUID, Batch> found = new HashMap<>();
      rows.forEach(row -> found.put(row.getUUID("harvest_id"), Batch.from(row)));
      return found;
    });
  }
}
