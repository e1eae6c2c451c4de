package agritrace.production;

import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Caller;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Batches (批次): made by a harvest, named by a lot code people can read, and judged by a history
 * of status events (the latest is the status). The owner of the batch tables.
 */
public final class Batches {

  static final String ACTIVE = "active";
  static final String HELD = "held";

  /**
   * Makes the producer's ($1) new batches, $2..$4 (id, harvest, day), and appends the events,
   * $5..$9 (batch, status, reason, details as JSON text, user; at most one per batch), with the
   * (batch, application) pairs they report, $10 and $11, all in one statement. Each day's lot
   * counter is taken once, days in order, so concurrent syncs never deadlock, and is held only
   * until the transaction commits, right after this statement. A batch's number follows the
   * order of the list; its lot code is SHORT-yyyyMMdd-NNN. Answers the new batches' id, harvest,
   * lot code and time.
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
        INSERT INTO batch_events (batch_id, status, reason, details, by_user)
        SELECT batch_id, status, reason, details::jsonb, by_user
        FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::uuid[])
             WITH ORDINALITY t(batch_id, status, reason, details, by_user, n)
        ORDER BY n
        RETURNING id, batch_id
      ), reported AS (
        INSERT INTO batch_violations (batch_id, application_id, event_id)
        SELECT v.batch_id, v.application_id, e.id
        FROM unnest($10::uuid[], $11::uuid[]) v(batch_id, application_id) JOIN e ON e.batch_id = v.batch_id
      )
      SELECT id, harvest_id, lot_code, created_at FROM made""";
  private static final String LATEST = """
      SELECT b.id, b.producer_id, b.harvest_id, b.lot_code, b.created_at, e.status, e.reason, e.details
      FROM batches b
      JOIN LATERAL (SELECT status, reason, details FROM batch_events WHERE batch_id = b.id ORDER BY id DESC LIMIT 1) e ON true
      """;
  private static final String BY_HARVESTS = LATEST + " WHERE b.harvest_id = ANY($1)";
  private static final String BY_ID = LATEST + " WHERE b.id = $1";
  private static final String LIST = LATEST
      + " WHERE b.producer_id = $1 AND ($2::text IS NULL OR e.status = $2) ORDER BY b.created_at DESC, b.id LIMIT $3 OFFSET $4";
  private static final String EVENTS =
      "SELECT status, reason, details, by_user, at FROM batch_events WHERE batch_id = $1 ORDER BY id";
  private static final String CURRENT_HARVEST = """
      SELECT o.*, u.name AS plot_name, u.kind AS plot_kind FROM operations o
      JOIN LATERAL (SELECT name, kind FROM production_units u WHERE %s ORDER BY revision DESC LIMIT 1) u ON true
      WHERE %s ORDER BY o.revision DESC LIMIT 1""".formatted(
      RecordType.versionOf("u", "o.unit_id"), RecordType.versionOf("o", "$1"));
  /** The current operations on the harvest's plot from its cycle's start up to the harvest. */
  private static final String CYCLE = """
      WITH h AS (SELECT unit_id, occurred_at FROM operations o WHERE %s ORDER BY revision DESC LIMIT 1),
      cs AS (SELECT max(s.occurred_at) AS start FROM operations s, h
             WHERE s.unit_id = h.unit_id AND s.type IN ('seeding', 'transplanting') AND s.occurred_at <= h.occurred_at
               AND %s)
      SELECT a.*, i.name AS input_name FROM operations a CROSS JOIN h CROSS JOIN cs
      LEFT JOIN LATERAL (SELECT name FROM inputs i WHERE %s ORDER BY revision DESC LIMIT 1) i ON true
      WHERE a.unit_id = h.unit_id AND a.occurred_at <= h.occurred_at AND (cs.start IS NULL OR a.occurred_at >= cs.start)
        AND %s
      ORDER BY a.occurred_at, a.root_id""".formatted(RecordType.versionOf("o", "$1"), RecordType.OPERATION.current("s"),
      RecordType.versionOf("i", "a.input_id"), RecordType.OPERATION.current("a"));

  private final Pool pool;

  public Batches(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router router) {
    router.get("/api/v1/batches").handler(this::list);
    router.get("/api/v1/batches/:batchId").handler(this::show);
    router.post("/api/v1/batches/:batchId/release").handler(Auth.require(Role.INSPECTOR)).handler(ctx -> decide(ctx, ACTIVE));
    router.post("/api/v1/batches/:batchId/hold").handler(Auth.require(Role.INSPECTOR)).handler(ctx -> decide(ctx, HELD));
  }

  /** A batch to make: its id, the harvest record that makes it, and the day of the harvest. */
  record NewBatch(UUID id, UUID harvestId, LocalDate day) {
  }

  /**
   * A status event to append: {@code details} may be null, {@code by} is null for agritrace's own
   * rules, and {@code violated} names the applications whose broken intervals it reports.
   */
  record Event(UUID batch, String status, String reason, JsonObject details, UUID by, List<UUID> violated) {
  }

  /**
   * Makes the producer's new batches and appends the events, at most one per batch, in one
   * statement ({@link #RECORD}). Answers each new batch as {@link #summary} shows it, by harvest
   * id: every new batch comes with its first event.
   */
  static Future<Map<UUID, JsonObject>> record(SqlConnection conn, UUID producerId, List<NewBatch> batches,
      List<Event> events) {
    if (batches.isEmpty() && events.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<UUID> violatedBatches = new ArrayList<>();
    List<UUID> violated = new ArrayList<>();
    events.forEach(e -> e.violated().forEach(application -> {
      violatedBatches.add(e.batch());
      violated.add(application);
    }));
    return conn.preparedQuery(RECORD).execute(Tuple.tuple()
            .addUUID(producerId)
            .addArrayOfUUID(batches.stream().map(NewBatch::id).toArray(UUID[]::new))
            .addArrayOfUUID(batches.stream().map(NewBatch::harvestId).toArray(UUID[]::new))
            .addArrayOfLocalDate(batches.stream().map(NewBatch::day).toArray(LocalDate[]::new))
            .addArrayOfUUID(events.stream().map(Event::batch).toArray(UUID[]::new))
            .addArrayOfString(events.stream().map(Event::status).toArray(String[]::new))
            .addArrayOfString(events.stream().map(Event::reason).toArray(String[]::new))
            .addArrayOfString(events.stream().map(e -> e.details() == null ? null : e.details().encode()).toArray(String[]::new))
            .addArrayOfUUID(events.stream().map(Event::by).toArray(UUID[]::new))
            .addArrayOfUUID(violatedBatches.toArray(UUID[]::new))
            .addArrayOfUUID(violated.toArray(UUID[]::new)))
        .map(rows -> {
          Map<UUID, Event> firstEvents = new HashMap<>();
          events.forEach(e -> firstEvents.put(e.batch(), e));
          Map<UUID, JsonObject> made = new HashMap<>();
          for (Row row : rows) {
            Event first = firstEvents.get(row.getUUID("id"));
            made.put(row.getUUID("harvest_id"), summary(row.getUUID("id"), producerId, row.getUUID("harvest_id"),
                row.getString("lot_code"), row.getOffsetDateTime("created_at"), first.status(), first.reason(),
                first.details()));
          }
          return made;
        });
  }

  /** The batch each harvest made, with its current status, keyed by harvest record id. */
  static Future<Map<UUID, JsonObject>> byHarvest(SqlConnection conn, Collection<UUID> harvestIds) {
    if (harvestIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return conn.preparedQuery(BY_HARVESTS).execute(Tuple.of(harvestIds.toArray(UUID[]::new))).map(rows -> {
      Map<UUID, JsonObject> found = new HashMap<>();
      rows.forEach(row -> found.put(row.getUUID("harvest_id"), summary(row)));
      return found;
    });
  }

  private static JsonObject summary(Row row) {
    return summary(row.getUUID("id"), row.getUUID("producer_id"), row.getUUID("harvest_id"), row.getString("lot_code"),
        row.getOffsetDateTime("created_at"), row.getString("status"), row.getString("reason"),
        row.getJsonObject("details"));
  }

  /** A batch as the API shows it, with its current status and why. */
  private static JsonObject summary(UUID id, UUID producerId, UUID harvestId, String lotCode, OffsetDateTime createdAt,
      String status, String reason, JsonObject details) {
    return new JsonObject()
        .put("id", id.toString())
        .put("lotCode", lotCode)
        .put("producerId", producerId.toString())
        .put("harvestId", harvestId.toString())
        .put("status", status)
        .put("reason", reason)
        .put("violations", details == null ? null : details.getJsonArray("violations"))
        .put("createdAt", Json.time(createdAt));
  }

  private Future<Row> readable(RoutingContext ctx, UUID id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiError.notFound("batch"));
      }
      Row row = rows.iterator().next();
      return Auth.caller(ctx).canRead(row.getUUID("producer_id")) ? Future.succeededFuture(row)
          : Future.failedFuture(ApiError.forbidden("this batch belongs to another producer"));
    });
  }

  /** The batch, its status and history, the harvest, and the operations of its cycle that led to it. */
  private void show(RoutingContext ctx) {
    UUID id = Fields.pathId(ctx, "batchId", "batch");
    readable(ctx, id).compose(row -> {
      UUID harvestId = row.getUUID("harvest_id");
      return Future.all(
              pool.preparedQuery(EVENTS).execute(Tuple.of(id)),
              pool.preparedQuery(CURRENT_HARVEST).execute(Tuple.of(harvestId)),
              pool.preparedQuery(CYCLE).execute(Tuple.of(harvestId)))
          .map(all -> {
            JsonObject batch = summary(row);
            JsonArray events = new JsonArray();
            for (Row e : all.<RowSet<Row>>resultAt(0)) {
              UUID by = e.getUUID("by_user");
              events.add(new JsonObject().put("status", e.getString("status")).put("reason", e.getString("reason"))
                  .put("details", e.getJsonObject("details")).put("by", by == null ? null : by.toString())
                  .put("at", Json.time(e.getOffsetDateTime("at"))));
            }
            Row harvest = all.<RowSet<Row>>resultAt(1).iterator().next();
            JsonArray operations = new JsonArray();
            all.<RowSet<Row>>resultAt(2).forEach(op -> operations.add(RecordViews.of(RecordType.OPERATION, op)));
            return batch
                .put("crop", harvest.getString("crop"))
                .put("quantity", RecordViews.of(RecordType.OPERATION, harvest).getValue("quantity"))
                .put("quantityUnit", harvest.getString("quantity_unit"))
                .put("harvestedOn", harvest.getLocalDate("local_date").toString())
                .put("plot", new JsonObject().put("id", harvest.getUUID("unit_id").toString())
                    .put("name", harvest.getString("plot_name")).put("kind", harvest.getString("plot_kind")))
                .put("history", events)
                .put("operations", operations);
          });
    }).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    UUID producerId = RecordRoutes.listedProducer(ctx);
    String status = ctx.queryParams().get("status");
    if (status != null && !status.equals(ACTIVE) && !status.equals(HELD)) {
      throw ApiError.invalid("status", "status must be active or held");
    }
    int limit = Fields.queryInt(ctx, "limit", 100, 1, 500);
    int offset = Fields.queryInt(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    pool.preparedQuery(LIST).execute(Tuple.of(producerId, status, limit, offset))
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(summary(row)));
          Json.ok(ctx, new JsonObject().put("items", items).put("limit", limit).put("offset", offset));
        })
        .onFailure(ctx::fail);
  }

  /** An inspector releases a held batch, or holds one, saying why. */
  private void decide(RoutingContext ctx, String status) {
    UUID id = Fields.pathId(ctx, "batchId", "batch");
    String reason = Json.body(ctx).text("reason", 500);
    Caller caller = Auth.caller(ctx);
    pool.withTransaction(conn -> conn.preparedQuery(BY_ID + " FOR UPDATE OF b").execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiError.notFound("batch"));
      }
      String current = rows.iterator().next().getString("status");
      if (current.equals(status)) {
        return Future.failedFuture(new ApiError(409, "conflict", "the batch is already " + status, null));
      }
      String prefix = status.equals(HELD) ? "held by an inspector: " : "released by an inspector: ";
      return record(conn, null, List.of(), List.of(new Event(id, status, prefix + reason, null, caller.id(), List.of())));
    })).compose(done -> pool.preparedQuery(BY_ID).execute(Tuple.of(id)))
        .onSuccess(rows -> Json.ok(ctx, summary(rows.iterator().next())))
        .onFailure(ctx::fail);
  }
}
