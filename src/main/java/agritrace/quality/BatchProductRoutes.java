package agritrace.quality;

import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Message;
import agritrace.http.Messages;
import agritrace.http.Role;
import agritrace.production.Batch;
import agritrace.production.BatchStatus;
import agritrace.production.Batches;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a batch is, chosen by the producer's admin or recorder: one of the producer's products (the
 * batch is then judged as the product's commodity, under its release rule) or only a commodity.
 * Each choice appends a batch_products row; a rejected or recalled batch is no longer changed. A
 * harvested batch given a product whose rule is internal control is released at once, as
 * agritrace's own event naming the product and its rule.
 */
public final class BatchProductRoutes {

  /** The product $1 as it now stands, if it is producer $2's: another producer's reads as none. */
  private static final String PRODUCT = """
      SELECT product_id, name, commodity_code, release_rule FROM products
      WHERE product_id = $1 AND producer_id = $2 ORDER BY revision DESC LIMIT 1""";
  private static final String LATEST = "SELECT product_id, commodity_code FROM batch_products WHERE batch_id = $1 ORDER BY seq DESC LIMIT 1";
  private static final String INSERT = "INSERT INTO batch_products (batch_id, product_id, commodity_code, by_user) VALUES ($1, $2, $3, $4)";

  private final Pool pool;

  public BatchProductRoutes(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router router) {
    router.put("/api/v1/batches/:batchId/product").handler(Auth.require(Role.PRODUCER_ADMIN, Role.RECORDER))
        .handler(Access.record("batchId", "batch", Right.RECORD, Batches.owner(pool))).handler(this::choose);
  }

  /** What was chosen: a product (with its name and rule) or only a commodity (product and name null). */
  private record Choice(UUID productId, String name, String commodity, Products.ReleaseRule rule) {
  }

  /** 200 with the batch as it then stands, its product and commodity. */
  private void choose(RoutingContext ctx) {
    UUID batchId = Fields.pathId(ctx, "batchId", "batch");
    UUID producerId = Access.producerId(ctx);
    Fields body = Json.body(ctx);
    UUID productId = body.optionalUuid("productId");
    String commodity = body.optionalText("commodity", 40);
    if ((productId == null) == (commodity == null)) {
      throw ApiError.invalid(productId == null ? "productId" : "commodity", "product.product_or_commodity");
    }
    UUID by = Auth.caller(ctx).id();
    Messages.Language language = Messages.language(ctx);
    pool.withTransaction(tx -> Batches.lock(tx, List.of(batchId)).compose(statuses -> {
      BatchStatus status = statuses.get(batchId);
      if (status.next().isEmpty()) {
        return Future.failedFuture(ApiError.conflict(null, "product.batch_final", "status", status.title()));
      }
      Future<Choice> choice = productId != null ? product(tx, productId, producerId)
          : Commodities.require(tx, commodity).map(ok -> new Choice(null, null, commodity, Products.ReleaseRule.ONE_TEST));
      return choice.compose(chosen -> append(tx, batchId, chosen, by)
          .compose(none -> chosen.rule() == Products.ReleaseRule.INTERNAL_CONTROL && status == BatchStatus.HARVESTED
              ? Batches.change(tx, batchId, BatchStatus.RELEASED, null, Message.of("product.batch_released_internal_control",
                  "product", chosen.productId(), "name", chosen.name(), "rule", rule(chosen.rule())))
              : Batches.find(tx, batchId)))
          .compose(batch -> answer(tx, batch, language));
    }))
        .onSuccess(json -> Json.ok(ctx, json))
        .onFailure(ctx::fail);
  }

  /** A release rule's name for people. */
  static Message rule(Products.ReleaseRule rule) {
    return Message.of("product_rule." + rule.id());
  }

  private static Future<Choice> product(SqlClient tx, UUID productId, UUID producerId) {
    return tx.preparedQuery(PRODUCT).execute(Tuple.of(productId, producerId)).map(rows -> {
      if (rows.size() == 0) {
        throw ApiError.invalid("productId", "product.unknown");
      }
      Row row = rows.iterator().next();
      return new Choice(productId, row.getString("name"), row.getString("commodity_code"),
          Products.ReleaseRule.of(row.getString("release_rule")));
    });
  }

  /** Makes {@code commodity} the batch's (without a product), chosen by {@code by}: for a lab test that names it. */
  static Future<Void> setCommodity(SqlClient tx, UUID batchId, String commodity, UUID by) {
    return append(tx, batchId, new Choice(null, null, commodity, Products.ReleaseRule.ONE_TEST), by);
  }

  /** Appends the choice, unless the batch's latest row already says the same. */
  private static Future<Void> append(SqlClient tx, UUID batchId, Choice chosen, UUID by) {
    return tx.preparedQuery(LATEST).execute(Tuple.of(batchId)).compose(rows -> {
      Row latest = rows.size() == 0 ? null : rows.iterator().next();
      if (latest != null && Objects.equals(latest.getUUID("product_id"), chosen.productId())
          && latest.getString("commodity_code").equals(chosen.commodity())) {
        return Future.succeededFuture();
      }
      return tx.preparedQuery(INSERT).execute(Tuple.of(batchId, chosen.productId(), chosen.commodity(), by)).mapEmpty();
    });
  }

  private static Future<JsonObject> answer(SqlClient tx, Batch batch, Messages.Language language) {
    return Products.batchExtras().of(tx, Collections.singletonMap(batch.id(), null), language)
        .map(extras -> batch.toJson(language).mergeIn(extras.get(batch.id())));
  }
}
