package agritrace.quality;

import agritrace.db.Ids;
import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Caller;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Message;
import agritrace.http.Messages;
import agritrace.http.Role;
import agritrace.production.BatchStatus;
import agritrace.production.Batches;
import agritrace.quality.Certificate.Basis;
import agritrace.web.PublicUrl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Commitment certificates over HTTP: the producer's admin issues them for a released batch, one
 * per delivery, together for no more than the batch; whoever may read the batch reads them.
 */
public final class CertificateRoutes {

  private static final double MAX_QUANTITY = 1_000_000_000;

  private final Pool pool;
  private final ZoneId zone;
  private final Supplier<PublicUrl> publicUrl;

  /** {@code publicUrl} answers the address certificates name (known once the server listens). */
  public CertificateRoutes(Pool pool, ZoneId zone, Supplier<PublicUrl> publicUrl) {
    this.pool = pool;
    this.zone = zone;
    this.publicUrl = publicUrl;
  }

  public void mount(Router router) {
    Access.Owner batches = Batches.owner(pool);
    router.post("/api/v1/batches/:batchId/certificates").handler(Auth.require(Role.PRODUCER_ADMIN))
        .handler(Access.record("batchId", "batch", Right.MANAGE, batches))
        .handler(this::issue);
    router.get("/api/v1/batches/:batchId/certificates").handler(Access.record("batchId", "batch", Right.READ, batches))
        .handler(this::listOfBatch);
    router.get("/api/v1/certificates/:certificateId")
        .handler(Access.record("certificateId", "certificate", Right.READ, Certificates.owner(pool)))
        .handler(this::show);
  }

  /** 201 with the certificate: its fields from the record, its basis and its public URL. */
  private void issue(RoutingContext ctx) {
    UUID batchId = Fields.pathId(ctx, "batchId", "batch");
    PublicUrl url = publicUrl.get();
    if (!url.printable()) {
      throw new ApiError(503, "public_url_private", Message.of("certificate.public_url_private", "url", url.base()),
          null);
    }
    Fields body = Json.body(ctx);
    Amount wanted = new Amount(body.positive("quantity", MAX_QUANTITY, true), body.text("quantityUnit", 20));
    String buyer = body.optionalText("buyer", 100);
    String deliveryNote = body.optionalText("deliveryNote", 100);
    Caller caller = Auth.caller(ctx);
    Messages.Language language = Messages.language(ctx);
    UUID id = Ids.timeOrdered();
    pool.withTransaction(tx -> Batches.lock(tx, List.of(batchId)).compose(statuses -> {
          BatchStatus status = statuses.get(batchId);
          if (status != BatchStatus.RELEASED) {
            return Future.failedFuture(ApiError.conflict(null, "certificate.not_released", "status", status.id(),
                "statusName", status.title()));
          }
          return Future.all(Certificates.facts(tx, batchId), Products.ofBatch(tx, batchId),
                  Certificates.passing(tx, batchId))
              .compose(all -> {
                Certificates.Facts facts = all.resultAt(0);
                Products.BatchProduct product = all.resultAt(1);
                Grounds grounds = grounds(all.resultAt(2), product == null ? null : product.rule());
                return within(tx, batchId, facts.harvested(), wanted)
                    .compose(ok -> productName(tx, product, facts))
                    .compose(name -> Certificates.insert(tx, new Certificate(id, CertificateCode.next(), batchId,
                        Access.producerId(ctx), null, name, wanted, facts.origin(), LocalDate.now(zone), facts.issuer(),
                        facts.phone(), Certificate.COMMITMENT, grounds.basis(), grounds.tests(), buyer, deliveryNote,
                        caller.id(), null, null)));
              });
        }))
        .compose(done -> Certificates.byId(pool, id))
        .onSuccess(certificate -> Json.send(ctx, 201, certificate.toJson(url.certificate(certificate.code()), language)))
        .onFailure(ctx::fail);
  }

  /** What a certificate's basis rests on: the basis and the tests behind it. */
  record Grounds(Basis basis, List<UUID> tests) {
  }

  /**
   * The basis the record supports: a lab's passing report (委托检测合格), else the producer's own
   * negative rapid tests (自行检测合格), else, with no test, the product's rule of internal
   * control (质量安全控制符合要求). Nothing else certifies: a 409.
   */
  static Grounds grounds(List<Certificates.Passing> passing, Products.ReleaseRule rule) {
    List<UUID> labs = passing.stream().filter(t -> t.kind().equals("lab")).map(Certificates.Passing::id).toList();
    if (!labs.isEmpty()) {
      return new Grounds(Basis.COMMISSIONED_TEST, labs);
    }
    List<UUID> rapid = passing.stream().filter(t -> t.kind().equals("rapid")).map(Certificates.Passing::id).toList();
    if (!rapid.isEmpty()) {
      return new Grounds(Basis.OWN_TEST, rapid);
    }
    if (rule == Products.ReleaseRule.INTERNAL_CONTROL) {
      return new Grounds(Basis.INTERNAL_CONTROL, List.of());
    }
    throw ApiError.conflict(null, "certificate.no_basis");
  }

  /** Fails unless {@code wanted} fits in what the batch's certificates have left of the harvest. */
  private static Future<Void> within(SqlClient tx, UUID batchId, Amount harvested, Amount wanted) {
    if (harvested == null) {
      return Future.failedFuture(ApiError.conflict("quantity", "certificate.no_quantity"));
    }
    if (!harvested.comparable(wanted.unit())) {
      return Future.failedFuture(ApiError.invalid("quantityUnit", "certificate.unit_mismatch",
          "unitName", unitName(wanted.unit()), "batchUnitName", unitName(harvested.unit())));
    }
    return Certificates.issued(tx, batchId, harvested.baseUnit()).compose(issued -> {
      BigDecimal left = harvested.baseQuantity().subtract(issued);
      if (wanted.baseQuantity().compareTo(left) <= 0) {
        return Future.succeededFuture();
      }
      return Future.failedFuture(ApiError.conflict("quantity", "certificate.beyond_batch",
          "harvested", harvested.plain(), "issued", harvested.sameUnit(issued).plain(),
          "left", harvested.sameUnit(left).plain(), "unit", harvested.unit(), "unitName", unitName(harvested.unit())));
    });
  }

  /** The product's name, else the commodity's, else the crop as the harvest names it. */
  private static Future<String> productName(SqlClient tx, Products.BatchProduct product, Certificates.Facts facts) {
    if (product != null && product.name() != null) {
      return Future.succeededFuture(product.name());
    }
    if (product != null && product.commodityCode() != null) {
      return Commodities.byCode(tx, product.commodityCode())
          .map(found -> found.map(Commodity::nameZh).orElse(facts.crop()));
    }
    return Future.succeededFuture(facts.crop() == null ? "" : facts.crop());
  }

  private static Message unitName(String unit) {
    return Message.of("quantity_unit." + unit);
  }

  /** The batch's certificates, oldest first, and what is left of the harvest to certify. */
  private void listOfBatch(RoutingContext ctx) {
    UUID batchId = Fields.pathId(ctx, "batchId", "batch");
    Messages.Language language = Messages.language(ctx);
    PublicUrl url = publicUrl.get();
    Future.all(Certificates.ofBatch(pool, batchId), Certificates.facts(pool, batchId))
        .compose(all -> {
          List<Certificate> certificates = all.resultAt(0);
          Certificates.Facts facts = all.resultAt(1);
          JsonArray items = new JsonArray();
          certificates.forEach(c -> items.add(c.toJson(url.certificate(c.code()), language)));
          JsonObject answer = new JsonObject().put("items", items).put("harvested", null).put("left", null);
          Amount harvested = facts.harvested();
          if (harvested == null) {
            return Future.succeededFuture(answer);
          }
          return Certificates.issued(pool, batchId, harvested.baseUnit()).map(issued -> answer
              .put("harvested", amount(harvested))
              .put("left", amount(harvested.sameUnit(harvested.baseQuantity().subtract(issued).max(BigDecimal.ZERO)))));
        })
        .onSuccess(answer -> Json.ok(ctx, answer))
        .onFailure(ctx::fail);
  }

  private static JsonObject amount(Amount amount) {
    return new JsonObject().put("quantity", amount.quantity().stripTrailingZeros().doubleValue())
        .put("unit", amount.unit());
  }

  private void show(RoutingContext ctx) {
    UUID id = Fields.pathId(ctx, "certificateId", "certificate");
    Certificates.byId(pool, id)
        .onSuccess(c -> Json.ok(ctx, c.toJson(publicUrl.get().certificate(c.code()), Messages.language(ctx))))
        .onFailure(ctx::fail);
  }
}
