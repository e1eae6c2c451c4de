package agritrace.production;

import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.Auth;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Message;
import agritrace.http.Messages;
import agritrace.http.Page;
import agritrace.http.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** Batches over HTTP: lists, a batch with its history and cycle, and an inspector's hold or release. */
public final class BatchRoutes {

  private static final String EVENTS = ("SELECT %s AS status, message, reason, details, by_user, at, u.name AS by_name,"
      + " u.role AS by_role FROM batch_events e LEFT JOIN users u ON u.id = e.by_user WHERE batch_id = $1 ORDER BY e.id")
      .formatted(BatchStatus.sql("e"));
  private static final String CURRENT_HARVEST = """
      SELECT o.*, u.name AS plot_name, u.kind AS plot_kind FROM operations o
      JOIN LATERAL (SELECT name, kind FROM production_units u WHERE %s ORDER BY revision DESC LIMIT 1) u ON true
      WHERE %s ORDER BY o.revision DESC LIMIT 1""".formatted(
      RecordType.versionOf("u", "o.unit_id"), RecordType.versionOf("o", "$1"));
  /** The current operations on the harvest's plot from its cycle's start up to the harvest. */
  private static final String CYCLE = """
      WITH h AS (SELECT unit_id, occurred_at FROM operations o WHERE %s ORDER BY revision DESC LIMIT 1)
      SELECT a.*, i.name AS input_name FROM operations a CROSS JOIN h
      LEFT JOIN LATERAL (SELECT name FROM inputs i WHERE %s ORDER BY revision DESC LIMIT 1) i ON true
      WHERE a.unit_id = h.unit_id AND a.occurred_at <= h.occurred_at AND a.occurred_at >= %s AND %s
      ORDER BY a.occurred_at, a.root_id""".formatted(RecordType.versionOf("o", "$1"),
      RecordType.versionOf("i", "a.input_id"), Cycle.start("h.unit_id", "h.occurred_at"),
      RecordType.OPERATION.current("a"));

  private final Pool pool;
  private final Access.Owner producers;
  private final BatchExtras extras;

  /**
   * {@code producers} tells whether a producer exists, for the list that names one; {@code extras}
   * adds what the pillars above production know of a batch to every batch shown.
   */
  public BatchRoutes(Pool pool, Access.Owner producers, BatchExtras extras) {
    this.pool = pool;
    this.producers = producers;
    this.extras = extras;
  }

  public void mount(Router router) {
    Access.Owner owner = Batches.owner(pool);
    router.get("/api/v1/batches").handler(Access.listedOrEvery("producerId", producers)).handler(this::list);
    router.get("/api/v1/batches/:batchId").handler(Access.record("batchId", "batch", Right.READ, owner))
        .handler(this::show);
    router.post("/api/v1/batches/:batchId/release").handler(Auth.require(Role.INSPECTOR))
        .handler(Access.record("batchId", "batch", Right.READ, owner))
        .handler(ctx -> decide(ctx, BatchStatus.RELEASED, "batch.released_by_inspector"));
    router.post("/api/v1/batches/:batchId/hold").handler(Auth.require(Role.INSPECTOR))
        .handler(Access.record("batchId", "batch", Right.READ, owner))
        .handler(ctx -> decide(ctx, BatchStatus.HELD, "batch.held_by_inspector"));
  }

  /** The batch, its status and history, the harvest, and the operations of its cycle that led to it. */
  private void show(RoutingContext ctx) {
    UUID id = Fields.pathId(ctx, "batchId", "batch");
    Messages.Language language = Messages.language(ctx);
    Batches.find(pool, id).compose(batch -> Future.all(
            pool.preparedQuery(EVENTS).execute(Tuple.of(id)),
            pool.preparedQuery(CURRENT_HARVEST).execute(Tuple.of(batch.harvestId())),
            pool.preparedQuery(CYCLE).execute(Tuple.of(batch.harvestId())))
        .map(all -> {
          JsonArray events = new JsonArray();
          for (Row e : all.<RowSet<Row>>resultAt(0)) {
            UUID by = e.getUUID("by_user");
            events.add(new JsonObject().put("status", e.getString("status"))
                .put("reason", Messages.toJson(Batch.reason(e), language))
                .put("details", e.getJsonObject("details")).put("by", by == null ? null : by.toString())
                .put("byName", e.getString("by_name")).put("byRole", e.getString("by_role"))
                .put("at", Json.time(e.getOffsetDateTime("at"))));
          }
          Row harvest = all.<RowSet<Row>>resultAt(1).iterator().next();
          JsonArray operations = new JsonArray();
          all.<RowSet<Row>>resultAt(2).forEach(op -> operations.add(RecordViews.of(RecordType.OPERATION, op)));
          return batch.toJson(language)
              .put("crop", harvest.getString("crop"))
              .put("quantity", RecordViews.of(RecordType.OPERATION, harvest).getValue("quantity"))
              .put("quantityUnit", harvest.getString("quantity_unit"))
              .put("harvestedOn", harvest.getLocalDate("local_date").toString())
              .put("plot", new JsonObject().put("id", harvest.getUUID("unit_id").toString())
                  .put("name", harvest.getString("plot_name")).put("kind", harvest.getString("plot_kind")))
              .put("history", events)
              .put("operations", operations);
        }))
        .compose(json -> extras.of(pool, java.util.Collections.singletonMap(id, json.getString("crop")), language)
            .map(extra -> json.mergeIn(extra.getOrDefault(id, new JsonObject()))))
        .onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
  }

  /** One producer's batches, or every producer's for inspectors and platform admins who name none; held ones first. */
  private void list(RoutingContext ctx) {
    UUID producerId = Access.listedProducer(ctx);
    String status = Fields.queryOneOf(ctx, "status",
        java.util.Arrays.stream(BatchStatus.values()).map(BatchStatus::id).toList());
    String lot = Fields.querySearch(ctx, "lot", 40);
    Page page = Page.of(ctx, 100);
    BatchList.page(pool, producerId, BatchStatus.of(status), lot, page, extras, Messages.language(ctx))
        .onSuccess(items -> Json.ok(ctx, page.answer(items)))
        .onFailure(ctx::fail);
  }

  /** An inspector moves a batch, saying why; the reason is kept word for word in the event. */
  private void decide(RoutingContext ctx, BatchStatus to, String reasonCode) {
    UUID id = Fields.pathId(ctx, "batchId", "batch");
    String note = Json.body(ctx).text("reason", 500);
    UUID inspector = Auth.caller(ctx).id();
    pool.withTransaction(tx -> Batches.change(tx, id, to, inspector, Message.of(reasonCode, "note", note)))
        .onSuccess(batch -> Json.ok(ctx, batch.toJson(Messages.language(ctx))))
        .onFailure(ctx::fail);
  }
}
