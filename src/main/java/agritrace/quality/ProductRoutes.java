package agritrace.quality;

import agritrace.db.Ids;
import agritrace.db.Sql;
import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Fields;
import agritrace.http.Json;
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
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.function.Function;

/**
 * A producer's products (一品一策) over HTTP: stated by its admin, each change a new version
 * with a reason (never an update), read by whoever may read the producer. The phone may name a
 * new product or version by its own id: the same body sent again is answered as stored (200),
 * another body under that id is a 409. Writes of one producer's products take a lock of that
 * producer for their transaction, so two products never get one name and two versions never one
 * revision.
 */
public final class ProductRoutes {

  private static final String LOCK = "SELECT pg_advisory_xact_lock(15, hashtext($1::text))";
  private static final String BY_ID = "SELECT * FROM products WHERE id = $1";
  private static final String LATEST = "SELECT * FROM products WHERE product_id = $1 ORDER BY revision DESC LIMIT 1";
  /** Another product of producer $1, as it now stands, already called $2 (ignoring case); $3 the product named. */
  private static final String NAME_TAKEN = """
      SELECT 1 FROM (SELECT DISTINCT ON (product_id) product_id, name FROM products WHERE producer_id = $1
                     ORDER BY product_id, revision DESC) current
      WHERE lower(name) = lower($2) AND product_id <> $3""";
  private static final String INSERT = """
      INSERT INTO products (id, product_id, revision, producer_id, name, commodity_code, packaging, release_rule, reason,
        created_by, gtin, net_quantity, net_unit)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""";
  /** Another product of producer $1, as it now stands, with the GTIN $2; $3 the product named. */
  private static final String GTIN_TAKEN = """
      SELECT name FROM (SELECT DISTINCT ON (product_id) product_id, name, gtin FROM products WHERE producer_id = $1
                        ORDER BY product_id, revision DESC) current
      WHERE gtin = $2 AND product_id <> $3""";
  private static final String VIEW = """
      SELECT p.*, c.name_zh, c.name_en, u.name AS by_name FROM products p
      JOIN commodities c ON c.code = p.commodity_code LEFT JOIN users u ON u.id = p.created_by""";
  private static final String VERSIONS = VIEW + " WHERE p.product_id = $1 ORDER BY p.revision";
  /** The producer's products as they now stand, by name. */
  private static final String CURRENT = """
      SELECT * FROM (SELECT DISTINCT ON (p.product_id) p.*, c.name_zh, c.name_en, u.name AS by_name FROM products p
                     JOIN commodities c ON c.code = p.commodity_code LEFT JOIN users u ON u.id = p.created_by
                     WHERE p.producer_id = $1 ORDER BY p.product_id, p.revision DESC) current
      ORDER BY lower(name), product_id LIMIT $2 OFFSET $3""";

  private final Pool pool;
  private final Access.Owner producers;

  /** {@code producers} tells whether a producer exists. */
  public ProductRoutes(Pool pool, Access.Owner producers) {
    this.pool = pool;
    this.producers = producers;
  }

  public void mount(Router router) {
    Access.Owner owner = Products.owner(pool);
    router.post("/api/v1/producers/:producerId/products").handler(Auth.require(Role.PRODUCER_ADMIN))
        .handler(Access.producer("producerId", Right.MANAGE, producers)).handler(this::create);
    router.get("/api/v1/producers/:producerId/products")
        .handler(Access.producer("producerId", Right.READ, producers)).handler(this::list);
    router.get("/api/v1/products/:productId").handler(Access.record("productId", "product", Right.READ, owner))
        .handler(this::show);
    router.post("/api/v1/products/:productId/versions").handler(Auth.require(Role.PRODUCER_ADMIN))
        .handler(Access.record("productId", "product", Right.MANAGE, owner)).handler(this::change);
  }

  private record Answer(int status, JsonObject body) {
  }

  /** 201 with the new product; 200 when its id was sent before with the same body. */
  private void create(RoutingContext ctx) {
    UUID producerId = Access.producerId(ctx);
    Fields body = Json.body(ctx);
    UUID given = body.optionalUuid("id");
    UUID id = given == null ? Ids.timeOrdered() : given;
    ProductBody product = ProductBody.from(body, false);
    UUID by = Auth.caller(ctx).id();
    write(ctx, id, producerId, tx -> find(tx, BY_ID, id).compose(existing -> {
      if (existing != null) {
        boolean same = existing.getInteger("revision") == 0 && existing.getUUID("producer_id").equals(producerId)
            && ProductBody.of(existing).equals(product);
        return same ? Future.succeededFuture(200) : Future.failedFuture(ApiError.conflict("id", "product.id_taken"));
      }
      return store(tx, id, id, 0, producerId, product, null, by).map(201);
    }));
  }

  /** 201 with the product as the new version states it, its history after; 200 for a version sent again. */
  private void change(RoutingContext ctx) {
    UUID productId = Fields.pathId(ctx, "productId", "product");
    UUID producerId = Access.producerId(ctx);
    Fields body = Json.body(ctx);
    UUID given = body.optionalUuid("id");
    UUID id = given == null ? Ids.timeOrdered() : given;
    ProductBody product = ProductBody.from(body, true);
    String reason = body.text("reason", 500);
    UUID by = Auth.caller(ctx).id();
    write(ctx, productId, producerId, tx -> find(tx, BY_ID, id).compose(existing -> {
      if (existing != null) {
        boolean same = existing.getUUID("product_id").equals(productId) && existing.getInteger("revision") > 0
            && ProductBody.of(existing).equals(product) && reason.equals(existing.getString("reason"));
        return same ? Future.succeededFuture(200) : Future.failedFuture(ApiError.conflict("id", "product.id_taken"));
      }
      return find(tx, LATEST, productId).compose(latest -> ProductBody.of(latest).equals(product)
          ? Future.failedFuture(ApiError.conflict(null, "product.unchanged"))
          : store(tx, id, productId, latest.getInteger("revision") + 1, producerId, product, reason, by).map(201));
    }));
  }

  /** Runs a write under the producer's lock; answers with the product {@code productId} as it then stands. */
  private void write(RoutingContext ctx, UUID productId, UUID producerId,
      Function<SqlClient, Future<Integer>> work) {
    Messages.Language language = Messages.language(ctx);
    pool.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(producerId.toString()))
            .compose(locked -> work.apply(tx))
            .compose(status -> detail(tx, productId, language).map(json -> new Answer(status, json))))
        // The same id sent at once for another producer: the lock is each producer's own, the key is not.
        .recover(failure -> Future.failedFuture(Sql.uniqueViolation(failure, "products_pkey")
            ? ApiError.conflict("id", "product.id_taken") : failure))
        .onSuccess(answer -> Json.send(ctx, answer.status(), answer.body()))
        .onFailure(ctx::fail);
  }

  /** Checks the commodity, the name and the GTIN, then appends the version. */
  private static Future<Void> store(SqlClient tx, UUID id, UUID productId, int revision, UUID producerId,
      ProductBody product, String reason, UUID by) {
    return Commodities.require(tx, product.commodity())
        .compose(ok -> tx.preparedQuery(NAME_TAKEN).execute(Tuple.of(producerId, product.name(), productId)))
        .compose(taken -> taken.size() > 0
            ? Future.failedFuture(ApiError.conflict("name", "product.name_taken", "name", product.name()))
            : tx.preparedQuery(GTIN_TAKEN).execute(Tuple.of(producerId, product.gtin(), productId)))
        .compose(taken -> taken.size() > 0
            ? Future.failedFuture(ApiError.conflict("gtin", "product.gtin_taken", "gtin", product.gtin(),
                "name", taken.iterator().next().getString("name")))
            : tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id, productId, revision, producerId,
                product.name(), product.commodity(), product.packaging(), product.rule().id(), reason, by,
                product.gtin(), product.netQuantity(), product.netUnit()})))
        .mapEmpty();
  }

  private static Future<Row> find(SqlClient tx, String sql, UUID id) {
    return tx.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  private void show(RoutingContext ctx) {
    UUID productId = Fields.pathId(ctx, "productId", "product");
    detail(pool, productId, Messages.language(ctx)).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
  }

  /** The producer's products as they now stand, by name, a page at a time. */
  private void list(RoutingContext ctx) {
    Page page = Page.of(ctx, 100);
    Messages.Language language = Messages.language(ctx);
    current(pool, Access.producerId(ctx), page, language)
        .onSuccess(items -> Json.ok(ctx, page.answer(items)))
        .onFailure(ctx::fail);
  }

  /** One page of the producer's products as they now stand, by name. */
  static Future<JsonArray> current(SqlClient client, UUID producerId, Page page, Messages.Language language) {
    return client.preparedQuery(CURRENT).execute(Tuple.of(producerId, page.limit(), page.offset())).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(current(row, language)));
      return items;
    });
  }

  /** The product as its latest version states it, with every version, oldest first, as {@code history}. */
  private static Future<JsonObject> detail(SqlClient client, UUID productId, Messages.Language language) {
    return client.preparedQuery(VERSIONS).execute(Tuple.of(productId)).map(rows -> {
      JsonArray history = new JsonArray();
      Row latest = null;
      for (Row row : rows) {
        history.add(version(row, language));
        latest = row;
      }
      if (latest == null) {
        throw ApiError.notFound("product");
      }
      return current(latest, language).put("history", history);
    });
  }

  /** The net content {quantity, unit}, or null when the version states none. */
  private static JsonObject netContent(Row row) {
    java.math.BigDecimal quantity = row.getBigDecimal("net_quantity");
    return quantity == null ? null : new JsonObject()
        .put("quantity", quantity.stripTrailingZeros().doubleValue()).put("unit", row.getString("net_unit"));
  }

  private static JsonObject current(Row row, Messages.Language language) {
    return new JsonObject().put("id", row.getUUID("product_id").toString())
        .put("producerId", row.getUUID("producer_id").toString()).mergeIn(version(row, language));
  }

  /** One version: what it states, why it was made, when and by whom. */
  private static JsonObject version(Row row, Messages.Language language) {
    return new JsonObject()
        .put("versionId", row.getUUID("id").toString())
        .put("revision", row.getInteger("revision"))
        .put("name", row.getString("name"))
        .put("commodity", Products.commodity(row.getString("commodity_code"), row.getString("name_zh"),
            row.getString("name_en"), language))
        .put("packaging", row.getString("packaging"))
        .put("rule", row.getString("release_rule"))
        .put("gtin", row.getString("gtin"))
        .put("netContent", netContent(row))
        .put("reason", row.getString("reason"))
        .put("at", Json.time(row.getOffsetDateTime("created_at")))
        .put("by", row.getUUID("created_by").toString())
        .put("byName", row.getString("by_name"));
  }
}
