package agritrace.production;

import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Caller;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Role;
import agritrace.photos.Photos;
import agritrace.production.Records.ProductionRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * 有生产记录 over HTTP: the offline sync endpoint, one endpoint per record type for single
 * records (same ids, same idempotency), and reading records with their correction history.
 */
public final class RecordRoutes {

  static final int MAX_SYNC_RECORDS = 500;

  private static final String HISTORY = "SELECT t.* FROM %1$s t, (SELECT root_id FROM %1$s WHERE id = $1) r WHERE "
      + RecordType.versionOf("t", "r.root_id") + " ORDER BY t.revision";
  /**
   * A producer's current operations ($1), newest first, or one plot's ($4): each of the producer's
   * plots gives its newest by its own index, as many as the page needs. Operations carry no
   * producer index, so a 500-record sync keeps one index less up to date.
   */
  private static final String LIST_OPERATIONS = """
      SELECT t.* FROM production_units u
      CROSS JOIN LATERAL (SELECT * FROM operations t WHERE t.unit_id = u.id AND %s
                          ORDER BY t.occurred_at DESC, t.root_id LIMIT $2::int + $3::int) t
      WHERE u.producer_id = $1 AND u.revision = 0
        AND ($4::uuid IS NULL OR u.id = (SELECT root_id FROM production_units WHERE id = $4))
      ORDER BY t.occurred_at DESC, t.root_id LIMIT $2 OFFSET $3""".formatted(RecordType.OPERATION.current("t"));

  private final Pool pool;
  private final RecordWriter writer;
  private final Photos photos;

  public RecordRoutes(Pool pool) {
    this.pool = pool;
    this.writer = new RecordWriter(pool);
    this.photos = new Photos(pool);
  }

  public void mount(Router router) {
    router.post("/api/v1/sync").handler(Auth.require(Role.PRODUCER_ADMIN, Role.RECORDER)).handler(this::sync);
    for (RecordType type : RecordType.values()) {
      String path = "/api/v1/" + type.id() + "s";
      router.post(path).handler(Auth.require(Role.PRODUCER_ADMIN, Role.RECORDER)).handler(ctx -> writeOne(ctx, type));
      router.get(path).handler(ctx -> list(ctx, type));
      router.get(path + "/:recordId").handler(ctx -> show(ctx, type));
    }
  }

  /** A sync request as read: each record, or null and the outcome of a record rejected on its own. */
  private record SyncRequest(List<ProductionRecord> records, List<Outcome> outcomes) {
  }

  /**
   * Up to 500 records of any type, each {@code {"type": "plot"|"input"|"operation", "data": {...}}};
   * answers per record: created, duplicate or rejected with the reason. Reading and checking the
   * records, and encoding the answer, take milliseconds of CPU for a full request: they run on a
   * worker thread, so this event loop keeps serving its other connections meanwhile.
   */
  private void sync(RoutingContext ctx) {
    Caller caller = Auth.caller(ctx);
    ctx.vertx().executeBlocking(() -> readSync(ctx), false)
        .compose(request -> writer.write(caller, request.records(), request.outcomes()))
        .compose(results -> ctx.vertx().executeBlocking(() -> syncAnswer(results).toBuffer(), false))
        .onSuccess(answer -> Json.ok(ctx, answer))
        .onFailure(ctx::fail);
  }

  private static SyncRequest readSync(RoutingContext ctx) {
    Fields body = Json.body(ctx);
    Object raw = body.json().getValue("records");
    if (!(raw instanceof JsonArray items)) {
      throw ApiError.invalid("records", "records must be a list of {type, data} records");
    }
    if (items.isEmpty() || items.size() > MAX_SYNC_RECORDS) {
      throw ApiError.invalid("records", "send 1 to " + MAX_SYNC_RECORDS + " records per request");
    }
    OffsetDateTime now = OffsetDateTime.now();
    List<ProductionRecord> records = new ArrayList<>(items.size());
    List<Outcome> outcomes = new ArrayList<>(items.size());
    for (Object item : items) {
      JsonObject envelope = item instanceof JsonObject o ? o : new JsonObject();
      RecordType type = envelope.getValue("type") instanceof String t ? RecordType.of(t) : null;
      Object data = envelope.getValue("data");
      UUID id = data instanceof JsonObject d && d.getValue("id") instanceof String s ? Fields.parseUuid(s) : null;
      try {
        if (type == null) {
          throw ApiError.invalid("type", "type must be plot, input or operation");
        }
        if (!(data instanceof JsonObject fields)) {
          throw ApiError.invalid("data", "data must be the record's fields as an object");
        }
        records.add(Records.read(type, new Fields(fields), now));
        outcomes.add(null);
      } catch (ApiError e) {
        records.add(null);
        outcomes.add(Outcome.rejected(id, type, e));
      }
    }
    return new SyncRequest(records, outcomes);
  }

  private static JsonObject syncAnswer(List<Outcome> results) {
    JsonArray json = new JsonArray();
    int[] counts = new int[3];
    for (Outcome o : results) {
      json.add(o.toJson());
      counts[switch (o.status()) {
        case "created" -> 0;
        case "duplicate" -> 1;
        default -> 2;
      }]++;
    }
    return new JsonObject().put("created", counts[0]).put("duplicate", counts[1]).put("rejected", counts[2])
        .put("results", json);
  }

  /** One record: 201 when created, 200 when already stored (same answer as before), 400 when rejected. */
  private void writeOne(RoutingContext ctx, RecordType type) {
    ProductionRecord record = Records.read(type, Json.body(ctx), OffsetDateTime.now());
    List<ProductionRecord> records = new ArrayList<>();
    records.add(record);
    List<Outcome> none = new ArrayList<>();
    none.add(null);
    writer.write(Auth.caller(ctx), records, none)
        .onSuccess(results -> {
          Outcome o = results.get(0);
          if (o.status().equals("rejected")) {
            ctx.fail(ApiError.invalid(o.field(), o.message()));
          } else {
            Json.send(ctx, o.status().equals("created") ? 201 : 200, o.toJson());
          }
        })
        .onFailure(ctx::fail);
  }

  /**
   * The producer whose records a list shows: a producer's users see their own; inspectors and
   * platform admins name one with {@code producerId}.
   */
  static UUID listedProducer(RoutingContext ctx) {
    Caller caller = Auth.caller(ctx);
    String raw = ctx.queryParams().get("producerId");
    if (raw == null) {
      if (caller.producerId() == null) {
        throw ApiError.invalid("producerId", "producerId is required: name the producer whose records to list");
      }
      return caller.producerId();
    }
    UUID producerId = Fields.parseUuid(raw);
    if (producerId == null) {
      throw ApiError.invalid("producerId", "producerId must be an id (UUID)");
    }
    if (!caller.canRead(producerId)) {
      throw ApiError.forbidden("these records belong to another producer");
    }
    return producerId;
  }

  /** The current version of each record of one type, newest first. */
  private void list(RoutingContext ctx, RecordType type) {
    UUID producerId = listedProducer(ctx);
    int limit = Fields.queryInt(ctx, "limit", 100, 1, 500);
    int offset = Fields.queryInt(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    UUID plotId = null;
    if (type == RecordType.OPERATION && ctx.queryParams().get("plotId") != null) {
      plotId = Fields.parseUuid(ctx.queryParams().get("plotId"));
      if (plotId == null) {
        throw ApiError.invalid("plotId", "plotId must be an id (UUID)");
      }
    }
    String sql = type == RecordType.OPERATION ? LIST_OPERATIONS : "SELECT t.* FROM " + type.table()
        + " t WHERE t.producer_id = $1 AND $4::uuid IS NULL AND " + type.current("t")
        + " ORDER BY t.received_at DESC, t.root_id LIMIT $2 OFFSET $3";
    pool.preparedQuery(sql).execute(Tuple.of(producerId, limit, offset, plotId))
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(RecordViews.of(type, row)));
          Json.ok(ctx, new JsonObject().put("items", items).put("limit", limit).put("offset", offset));
        })
        .onFailure(ctx::fail);
  }

  /** A record's current version, with every version (the original and its corrections) in order. */
  private void show(RoutingContext ctx, RecordType type) {
    UUID id = Fields.pathId(ctx, "recordId", type.id());
    pool.preparedQuery(HISTORY.formatted(type.table())).execute(Tuple.of(id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound(type.id()));
          }
          List<Row> versions = new ArrayList<>();
          rows.forEach(versions::add);
          if (!Auth.caller(ctx).canRead(versions.get(0).getUUID("producer_id"))) {
            return Future.failedFuture(ApiError.forbidden("this record belongs to another producer"));
          }
          JsonArray history = new JsonArray();
          versions.forEach(v -> history.add(RecordViews.of(type, v)));
          JsonObject current = RecordViews.of(type, versions.get(versions.size() - 1)).put("history", history);
          if (type != RecordType.OPERATION) {
            return Future.succeededFuture(current);
          }
          List<UUID> versionIds = versions.stream().map(v -> v.getUUID("id")).toList();
          return photos.of("operation", versionIds).map(attached -> current.put("photos", attached));
        })
        .onSuccess(json -> Json.ok(ctx, json))
        .onFailure(ctx::fail);
  }
}
