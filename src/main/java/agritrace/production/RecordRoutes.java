package agritrace.production;

import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Caller;
import agritrace.http.Cursor;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Messages;
import agritrace.http.Page;
import agritrace.http.Role;
import agritrace.photos.Photos;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * 有生产记录 over HTTP: the offline sync endpoint, one endpoint per record type for single
 * records (same ids, same idempotency), and reading records with their correction history.
 */
public final class RecordRoutes {

  private static final String HISTORY = "SELECT t.* FROM %1$s t, (SELECT root_id FROM %1$s WHERE id = $1) r WHERE "
      + RecordType.versionOf("t", "r.root_id") + " ORDER BY t.revision";
  /**
   * A producer's current operations ($1), newest first, or one plot's ($4): each of the producer's
   * plots gives its newest by its own index, as many as the page needs (operations carry no
   * producer index: one index less for a sync to keep up to date).
   */
  private static final String LIST_OPERATIONS = """
      SELECT t.* FROM production_units u
      CROSS JOIN LATERAL (SELECT * FROM operations t WHERE t.unit_id = u.id AND %s
                          ORDER BY t.occurred_at DESC, t.root_id LIMIT $2::int + $3::int) t
      WHERE u.producer_id = $1 AND u.revision = 0
        AND ($4::uuid IS NULL OR u.id = (SELECT root_id FROM production_units WHERE id = $4))
      ORDER BY t.occurred_at DESC, t.root_id LIMIT $2 OFFSET $3""".formatted(RecordType.OPERATION.current("t"));
  private static final String LIST = "SELECT t.* FROM %s t WHERE t.producer_id = $1 AND $4::uuid IS NULL AND %s"
      + " ORDER BY t.received_at DESC, t.root_id LIMIT $2 OFFSET $3";

  private final Pool pool;
  private final Access.Owner producers;
  private final RecordWriter writer;
  private final Photos photos;
  private final Map<String, SyncHandler> handlers = new HashMap<>();

  /**
   * {@code producers} tells whether a producer exists, for the lists that name one; {@code handlers}
   * write the sync's items of other types than production records.
   */
  public RecordRoutes(Pool pool, Access.Owner producers, List<SyncHandler> handlers) {
    this.pool = pool;
    this.producers = producers;
    this.writer = new RecordWriter(pool);
    this.photos = new Photos(pool);
    handlers.forEach(handler -> this.handlers.put(handler.type(), handler));
  }

  public void mount(Router router) {
    router.post("/api/v1/sync").handler(Auth.require(Role.PRODUCER_ADMIN, Role.RECORDER, Role.TESTER))
        .handler(this::sync);
    for (RecordType type : RecordType.values()) {
      String path = "/api/v1/" + type.id() + "s";
      router.post(path).handler(Auth.require(Role.PRODUCER_ADMIN, Role.RECORDER)).handler(ctx -> writeOne(ctx, type));
      router.get(path).handler(Access.listed("producerId", Right.READ, producers)).handler(ctx -> list(ctx, type));
      router.get(path + "/:recordId").handler(Access.record("recordId", type.id(), Right.READ, type.owner(pool)))
          .handler(ctx -> show(ctx, type));
    }
  }

  /**
   * Up to 500 records of any type; answers per record created, duplicate, conflict or rejected.
   * Reading and checking the records, and encoding the answer, take milliseconds of CPU for a full
   * request: they run on a worker thread, so this event loop keeps serving its other connections.
   * The production records are written first, in one transaction, then the handlers' items. A
   * tester's production records are refused: testers record tests only.
   */
  private void sync(RoutingContext ctx) {
    Caller caller = Auth.caller(ctx);
    Messages.Language language = Messages.language(ctx);
    ctx.vertx().executeBlocking(() -> SyncRequest.read(Json.syncBody(ctx), OffsetDateTime.now(), handlers.keySet()), false)
        .map(items -> {
          if (caller.role() == Role.TESTER) {
            items.stream().filter(SyncItem::production)
                .forEach(item -> item.reject(ApiError.invalid("type", "sync.tester_tests_only")));
          }
          return items;
        })
        .compose(items -> writer.write(caller, items))
        .compose(items -> writeHandled(caller, items, language))
        .compose(items -> ctx.vertx().executeBlocking(() -> syncAnswer(items, language).toBuffer(), false))
        .onSuccess(answer -> Json.ok(ctx, answer))
        .onFailure(ctx::fail);
  }

  /** The handlers' items, one after the other in the order sent, each answered by its own outcome. */
  private Future<List<SyncItem>> writeHandled(Caller caller, List<SyncItem> items, Messages.Language language) {
    Future<Void> done = Future.succeededFuture();
    for (SyncItem item : items) {
      if (!item.production() && item.status() == null) {
        done = done.compose(v -> writeHandled(caller, item, language));
      }
    }
    return done.map(items);
  }

  /** One handler's item: its refusal (a 4xx) is its answer, any other failure fails the request. */
  private Future<Void> writeHandled(Caller caller, SyncItem item, Messages.Language language) {
    SyncHandler handler = handlers.get(item.handledType);
    return Future.<Void>succeededFuture()
        .compose(v -> handler.write(caller, new Fields(item.data), language))
        .<Void>map(written -> {
          item.written(written);
          return null;
        })
        .recover(failure -> {
          if (failure instanceof ApiError refusal && refusal.status() < 500) {
            item.refused(refusal);
            return Future.succeededFuture();
          }
          return Future.failedFuture(failure);
        });
  }

  private static JsonObject syncAnswer(List<SyncItem> items, Messages.Language language) {
    JsonArray results = new JsonArray();
    Map<SyncItem.Status, Integer> counts = new EnumMap<>(SyncItem.Status.class);
    for (SyncItem item : items) {
      results.add(item.toJson(language));
      counts.merge(item.status(), 1, Integer::sum);
    }
    JsonObject answer = new JsonObject();
    for (SyncItem.Status status : SyncItem.Status.values()) {
      answer.put(status.name().toLowerCase(), counts.getOrDefault(status, 0));
    }
    return answer.put("results", results);
  }

  /**
   * One record: 201 when created, 200 when already stored as sent (the same answer as before),
   * 409 when its id is stored with other content, 400 when rejected.
   */
  private void writeOne(RoutingContext ctx, RecordType type) {
    List<SyncItem> items = SyncRequest.one(type, Json.body(ctx), OffsetDateTime.now());
    writer.write(Auth.caller(ctx), items)
        .onSuccess(written -> {
          SyncItem item = written.get(0);
          switch (item.status()) {
            case CREATED -> Json.send(ctx, 201, item.toJson(Messages.language(ctx)));
            case DUPLICATE -> Json.send(ctx, 200, item.toJson(Messages.language(ctx)));
            default -> ctx.fail(item.error());
          }
        })
        .onFailure(ctx::fail);
  }

  /**
   * The current version of each record of one type, newest first, with {@code next}: the cursor to
   * catch up from. With {@code ?since=}, the records' change stream after it instead
   * ({@link RecordChanges}).
   */
  private void list(RoutingContext ctx, RecordType type) {
    UUID producerId = Access.producerId(ctx);
    Cursor since = Cursor.since(ctx);
    Page page = Page.of(ctx, 100);
    UUID plotId = null;
    if (type == RecordType.OPERATION && ctx.queryParams().get("plotId") != null) {
      plotId = Fields.parseUuid(ctx.queryParams().get("plotId"));
      if (plotId == null) {
        throw ApiError.invalid("plotId", "field.uuid");
      }
    }
    if (since != null) {
      RecordChanges.page(pool, type, producerId, since, plotId, page).onSuccess(answer -> Json.ok(ctx, answer))
          .onFailure(ctx::fail);
      return;
    }
    String sql = type == RecordType.OPERATION ? LIST_OPERATIONS : LIST.formatted(type.table(), type.current("t"));
    Tuple args = Tuple.of(producerId, page.limit(), page.offset(), plotId);
    RecordChanges.horizon(pool).compose(next -> pool.preparedQuery(sql).execute(args).map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(RecordViews.of(type, row)));
          return page.answer(items, next);
        }))
        .onSuccess(answer -> Json.ok(ctx, answer))
        .onFailure(ctx::fail);
  }

  /** A record's current version, with every version (the original and its corrections) in order. */
  private void show(RoutingContext ctx, RecordType type) {
    UUID id = Fields.pathId(ctx, "recordId", type.id());
    pool.preparedQuery(HISTORY.formatted(type.table())).execute(Tuple.of(id))
        .compose(rows -> {
          List<Row> versions = new ArrayList<>();
          rows.forEach(versions::add);
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
