package agritrace.quality;

import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Page;
import agritrace.http.Role;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The reference data residue judgements need: the commodity catalogue and the maximum residue
 * limits (GB 2763), imported by platform admins as CSV files, each judged whole before any of it
 * is stored, and read by anyone logged in. A CSV body is read only once the caller is known to be
 * a platform admin sending CSV.
 */
public final class ReferenceRoutes {

  static final String COMMODITIES = "/api/v1/reference/commodities";
  static final String MRLS = "/api/v1/reference/mrls";
  /** The paths whose bodies are CSV read by their own body handlers, never by the server's JSON one. */
  public static final String IMPORTS = "/api/v1/reference/(?:commodities|mrls)";

  /** The whole standard (GB 2763-2026: about 11,000 limits) is about 1 MiB of CSV; room for longer names and notes. */
  static final int MRL_MAX_BYTES = 8 * 1024 * 1024;
  static final int COMMODITY_MAX_BYTES = 1024 * 1024;

  private final Pool pool;
  private final LimitTable limits;

  public ReferenceRoutes(Pool pool) {
    this.pool = pool;
    this.limits = new LimitTable(pool);
  }

  /**
   * Holds an import's body unread until its access handlers have run (they wait on the
   * database); mount before authentication. An import answered before its body was read (refused,
   * or too large) lets the rest arrive and drops it, so the connection can carry the next request:
   * closing it instead races the client still sending, which may then miss the answer.
   */
  public static void pauseImports(Router router) {
    router.postWithRegex(IMPORTS).handler(ctx -> {
      HttpServerRequest request = ctx.request();
      request.pause();
      ctx.addEndHandler(answered -> {
        if (!request.isEnded()) {
          request.resume();
        }
      });
      ctx.next();
    });
  }

  public void mount(Router router) {
    // Vert.x puts a body handler first on its route: who may send, and what, is checked on the route before.
    router.post(COMMODITIES).handler(Auth.require(Role.PLATFORM_ADMIN)).handler(Csv::requireCsv);
    router.post(COMMODITIES).handler(csvBody(COMMODITY_MAX_BYTES)).handler(this::loadCommodities);
    router.get(COMMODITIES).handler(this::listCommodities);
    router.post(MRLS).handler(Auth.require(Role.PLATFORM_ADMIN)).handler(Csv::requireCsv);
    router.post(MRLS).handler(csvBody(MRL_MAX_BYTES)).handler(this::importLimits);
    router.get(MRLS).handler(this::searchLimits);
    router.get(MRLS + "/versions").handler(this::listVersions);
  }

  private static BodyHandler csvBody(int limit) {
    return BodyHandler.create().setBodyLimit(limit).setHandleFileUploads(false);
  }

  /** Adds the file's commodities to the catalogue and updates those it names again. */
  private void loadCommodities(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    UUID by = Auth.caller(ctx).id();
    Commodities.all(pool)
        .compose(stored -> ctx.vertx().executeBlocking(() -> CommodityFile.read(body, stored), false))
        .compose(file -> pool.withTransaction(tx -> Commodities.store(tx, file, by)).map(file.size()))
        .onSuccess(rows -> Json.ok(ctx, new JsonObject().put("rows", rows)))
        .onFailure(ctx::fail);
  }

  private void listCommodities(RoutingContext ctx) {
    Page page = Page.of(ctx, 100);
    Commodities.list(pool, Fields.querySearch(ctx, "q", 100), page.limit(), page.offset())
        .onSuccess(found -> {
          JsonArray items = new JsonArray();
          found.forEach(c -> items.add(c.toJson()));
          Json.ok(ctx, page.answer(items));
        })
        .onFailure(ctx::fail);
  }

  /** Stores the file as a new version of the limits, the one in force from now on. */
  private void importLimits(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    UUID by = Auth.caller(ctx).id();
    Commodities.all(pool)
        .compose(stored -> {
          Set<String> codes = stored.stream().map(Commodity::code).collect(Collectors.toSet());
          return ctx.vertx().executeBlocking(() -> LimitFile.read(body, codes), false);
        })
        .compose(file -> limits.store(file, by))
        .onSuccess(version -> Json.send(ctx, 201, version))
        .onFailure(ctx::fail);
  }

  /** One page of the limits of a version (the one in force unless {@code version} names another), searched. */
  private void searchLimits(RoutingContext ctx) {
    Page page = Page.of(ctx, 100);
    String analyte = Fields.querySearch(ctx, "analyte", 100);
    String commodity = Fields.queryText(ctx, "commodity");
    if (commodity != null && commodity.strip().length() > 100) {
      throw ApiError.invalid("commodity", "field.too_long", "max", 100);
    }
    String exact = commodity == null || commodity.isBlank() ? null : commodity.strip();
    Integer number = ctx.queryParams().get("version") == null ? null
        : Fields.queryInt(ctx, "version", 0, 1, Integer.MAX_VALUE);
    limits.version(number)
        .compose(version -> {
          if (version == null) {
            return number == null
                ? Future.succeededFuture(page.answer(new JsonArray()).putNull("version"))
                : Future.failedFuture(ApiError.notFound("mrl_version"));
          }
          return limits.search(pool, UUID.fromString(version.getString("id")), analyte, exact, page.limit(), page.offset())
              .map(items -> page.answer(items).put("version", version));
        })
        .onSuccess(answer -> Json.ok(ctx, answer))
        .onFailure(ctx::fail);
  }

  private void listVersions(RoutingContext ctx) {
    Page page = Page.of(ctx, 50);
    limits.versions(page.limit(), page.offset())
        .onSuccess(items -> Json.ok(ctx, page.answer(items)))
        .onFailure(ctx::fail);
  }
}
