package agritrace.labels;

import agritrace.db.Ids;
import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Message;
import agritrace.http.Page;
import agritrace.http.Role;
import agritrace.production.BatchStatus;
import agritrace.production.Batches;
import agritrace.production.Records;
import agritrace.quality.Amount;
import agritrace.quality.Certificates;
import agritrace.quality.Products;
import agritrace.web.PublicUrl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Packing runs over HTTP: the producer's admins and recorders pack a released, certified batch
 * into units of one of its products, optionally grouped into cases, each unit and case with its
 * own random code and the URL its QR code holds; whoever may read the batch reads its runs. A
 * run is written in one transaction, all its codes or none.
 */
public final class PackingRoutes {

  static final int MAX_UNITS = 10_000;
  /** A run of more units answers a link to page through them instead of the units. */
  static final int UNITS_IN_ANSWER = 200;
  private static final double MAX_UNIT_WEIGHT = 100_000;
  private static final String BATCH = """
      SELECT b.lot_code, EXISTS (SELECT 1 FROM certificates c WHERE c.batch_id = b.id) AS certified
      FROM batches b WHERE b.id = $1""";
  private static final String PRODUCT = """
      SELECT * FROM products WHERE product_id = $1 AND producer_id = $2 ORDER BY revision DESC LIMIT 1""";

  private final Pool pool;
  private final ZoneId zone;
  private final Supplier<PublicUrl> publicUrl;

  /** {@code publicUrl} answers the address the codes name (known once the server listens). */
  public PackingRoutes(Pool pool, ZoneId zone, Supplier<PublicUrl> publicUrl) {
    this.pool = pool;
    this.zone = zone;
    this.publicUrl = publicUrl;
  }

  public void mount(Router router) {
    Access.Owner batches = Batches.owner(pool);
    Access.Owner runs = PackingRuns.owner(pool);
    router.post("/api/v1/batches/:batchId/packing-runs").handler(Auth.require(Role.PRODUCER_ADMIN, Role.RECORDER))
        .handler(Access.record("batchId", "batch", Right.RECORD, batches)).handler(this::pack);
    router.get("/api/v1/batches/:batchId/packing-runs").handler(Access.record("batchId", "batch", Right.READ, batches))
        .handler(this::listOfBatch);
    router.get("/api/v1/packing-runs/:packingRunId")
        .handler(Access.record("packingRunId", "packing_run", Right.READ, runs)).handler(this::show);
    router.get("/api/v1/packing-runs/:packingRunId/units")
        .handler(Access.record("packingRunId", "packing_run", Right.READ, runs)).handler(this::units);
  }

  /** What a request asks to pack. */
  private record Request(UUID productId, int unitCount, Amount unit, LocalDate packDate, String packaging,
      Integer caseSize) {

    static Request from(Fields body, LocalDate today) {
      UUID productId = body.optionalUuid("productId");
      if (productId == null) {
        throw ApiError.invalid("productId", "field.required");
      }
      int unitCount = body.integer("unitCount", 1, MAX_UNITS, true);
      BigDecimal weight = body.positive("unitWeight", MAX_UNIT_WEIGHT, true);
      String weightUnit = body.oneOf("unitWeightUnit", Records.QUANTITY_UNITS);
      LocalDate packDate = body.date("packDate");
      if (packDate.isAfter(today)) {
        throw ApiError.invalid("packDate", "packing.pack_date_future");
      }
      String packaging = body.text("packaging", 60);
      Integer caseSize = body.integer("caseSize", 1, MAX_UNITS, false);
      return new Request(productId, unitCount, new Amount(weight, weightUnit), packDate, packaging, caseSize);
    }

    Amount total() {
      return new Amount(unit.quantity().multiply(BigDecimal.valueOf(unitCount)), unit.unit());
    }
  }

  /** 201 with the run, its cases and (up to {@value #UNITS_IN_ANSWER}) its units. */
  private void pack(RoutingContext ctx) {
    UUID batchId = Fields.pathId(ctx, "batchId", "batch");
    PublicUrl url = publicUrl.get();
    if (!url.printable()) {
      throw new ApiError(503, "public_url_private", Message.of("packing.public_url_private", "url", url.base()), null);
    }
    Request request = Request.from(Json.body(ctx), LocalDate.now(zone));
    UUID producerId = Access.producerId(ctx);
    UUID by = Auth.caller(ctx).id();
    UUID runId = Ids.timeOrdered();
    pool.withTransaction(tx -> Batches.lock(tx, List.of(batchId))
            .compose(statuses -> tx.preparedQuery(BATCH).execute(Tuple.of(batchId)).compose(rows -> {
              Row batch = rows.iterator().next();
              packable(statuses.get(batchId), batch.getBoolean("certified"));
              return Future.all(tx.preparedQuery(PRODUCT).execute(Tuple.of(request.productId(), producerId)),
                      Products.ofBatch(tx, batchId), Certificates.facts(tx, batchId))
                  .compose(all -> {
                    RowSet<Row> products = all.resultAt(0);
                    if (products.size() == 0) {
                      return Future.failedFuture(ApiError.invalid("productId", "product.unknown"));
                    }
                    Row product = products.iterator().next();
                    Products.BatchProduct ofBatch = all.resultAt(1);
                    if (ofBatch != null && ofBatch.productId() != null
                        && !ofBatch.productId().equals(request.productId())) {
                      return Future.failedFuture(ApiError.conflict("productId", "packing.other_product",
                          "name", ofBatch.name()));
                    }
                    Certificates.Facts facts = all.resultAt(2);
                    return within(tx, batchId, facts.harvested(), request.total())
                        .compose(ok -> write(tx, runId, batchId, producerId, product, batch.getString("lot_code"),
                            request, by, url));
                  });
            })))
        .compose(done -> detail(pool, runId))
        .onSuccess(json -> Json.send(ctx, 201, json))
        .onFailure(ctx::fail);
  }

  /** Fails with a 409 naming what is missing unless the batch is released and has a certificate. */
  private static void packable(BatchStatus status, boolean certified) {
    if (status != BatchStatus.RELEASED && !certified) {
      throw ApiError.conflict(null, "packing.not_released_uncertified", "status", status.id(),
          "statusName", status.title());
    }
    if (status != BatchStatus.RELEASED) {
      throw ApiError.conflict(null, "packing.not_released", "status", status.id(), "statusName", status.title());
    }
    if (!certified) {
      throw ApiError.conflict(null, "packing.uncertified");
    }
  }

  /** Fails with a 409 unless {@code wanted} fits in what the batch's runs have left of the harvest. */
  private static Future<Void> within(SqlClient tx, UUID batchId, Amount harvested, Amount wanted) {
    if (harvested == null) {
      return Future.failedFuture(ApiError.conflict(null, "packing.no_quantity"));
    }
    if (!harvested.comparable(wanted.unit())) {
      return Future.failedFuture(ApiError.conflict("unitWeightUnit", "packing.incomparable",
          "unitName", unitName(wanted.unit()), "batchUnitName", unitName(harvested.unit())));
    }
    return PackingRuns.packed(tx, batchId, harvested.baseUnit()).compose(packed -> {
      BigDecimal left = harvested.baseQuantity().subtract(packed);
      if (wanted.baseQuantity().compareTo(left) <= 0) {
        return Future.succeededFuture();
      }
      return Future.failedFuture(ApiError.conflict("unitCount", "packing.beyond_batch",
          "harvested", harvested.plain(), "packed", harvested.sameUnit(packed).plain(),
          "left", harvested.sameUnit(left.max(BigDecimal.ZERO)).plain(), "wanted", harvested.sameUnit(
              wanted.baseQuantity()).plain(), "unit", harvested.unit(), "unitName", unitName(harvested.unit())));
    });
  }

  private static Message unitName(String unit) {
    return Message.of("quantity_unit." + unit);
  }

  /** Writes the run, then its cases, then its units (each unit naming its case). */
  private static Future<Void> write(SqlClient tx, UUID runId, UUID batchId, UUID producerId, Row product,
      String lotCode, Request request, UUID by, PublicUrl url) {
    String gtin = product.getString("gtin");
    String lot = gtin == null ? null : Gs1Lot.of(lotCode, batchId);
    Amount total = request.total();
    PackingRuns.Run run = new PackingRuns.Run(runId, batchId, producerId, product.getUUID("product_id"),
        product.getUUID("id"), request.unitCount(), request.unit().quantity(), request.unit().unit(),
        total.baseQuantity(), total.baseUnit(), request.packDate(), request.packaging(), request.caseSize(), gtin, lot,
        by);
    Gtin key = gtin == null ? null : new Gtin(gtin);
    Future<Void> mapped = gtin == null ? Future.succeededFuture() : PackingRuns.mapLot(tx, gtin, lot, batchId);
    Integer size = request.caseSize();
    int caseCount = size == null ? 0 : (request.unitCount() + size - 1) / size;
    return mapped.compose(ok -> PackingRuns.insert(tx, run))
        .compose(ok -> caseCount == 0 ? Future.succeededFuture(List.<String>of())
            : PackingRuns.codes(tx, runId, "case", caseCount, n -> null, url::trace))
        .compose(cases -> PackingRuns.codes(tx, runId, "unit", request.unitCount(),
            n -> cases.isEmpty() ? null : cases.get((n - 1) / size),
            code -> key == null ? url.trace(code) : DigitalLink.ofUnit(key, lot, code).uri(url.base())))
        .mapEmpty();
  }

  /** The batch's runs, oldest first, without their codes. */
  private void listOfBatch(RoutingContext ctx) {
    UUID batchId = Fields.pathId(ctx, "batchId", "batch");
    Page page = Page.of(ctx, 100);
    pool.preparedQuery(PackingRuns.OF_BATCH).execute(Tuple.of(batchId, page.limit(), page.offset()))
        .map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(run(row)));
          return page.answer(items);
        })
        .onSuccess(answer -> Json.ok(ctx, answer))
        .onFailure(ctx::fail);
  }

  private void show(RoutingContext ctx) {
    detail(pool, Fields.pathId(ctx, "packingRunId", "packing_run"))
        .onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
  }

  /** A page of the run's units, in order. */
  private void units(RoutingContext ctx) {
    UUID runId = Fields.pathId(ctx, "packingRunId", "packing_run");
    Page page = Page.of(ctx, UNITS_IN_ANSWER);
    pool.preparedQuery(PackingRuns.GTIN).execute(Tuple.of(runId))
        .compose(run -> unitPage(pool, runId, run.iterator().next().getString("gtin") != null, page))
        .onSuccess(items -> Json.ok(ctx, page.answer(items)))
        .onFailure(ctx::fail);
  }

  /** The run with its cases and, for a run of up to {@value #UNITS_IN_ANSWER} units, its units; else their link. */
  private static Future<JsonObject> detail(SqlClient client, UUID runId) {
    return client.preparedQuery(PackingRuns.BY_ID).execute(Tuple.of(runId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiError.notFound("packing_run"));
      }
      Row row = rows.iterator().next();
      JsonObject run = run(row);
      int count = row.getInteger("unit_count");
      boolean serials = row.getString("gtin") != null;
      Future<JsonArray> units = count > UNITS_IN_ANSWER ? Future.succeededFuture(null)
          : unitPage(client, runId, serials, new Page(UNITS_IN_ANSWER, 0));
      return Future.all(units, client.preparedQuery(PackingRuns.CASES).execute(Tuple.of(runId))).map(all -> {
        JsonArray cases = new JsonArray();
        RowSet<Row> caseRows = all.resultAt(1);
        caseRows.forEach(c -> cases.add(new JsonObject().put("code", c.getString("code"))
            .put("number", c.getInteger("number")).put("url", c.getString("url"))
            .put("unitCount", c.getLong("units"))));
        return run.put("cases", cases).put("units", all.<JsonArray>resultAt(0))
            .put("unitsLink", count > UNITS_IN_ANSWER ? unitsLink(runId) : null);
      });
    });
  }

  static String unitsLink(UUID runId) {
    return "/api/v1/packing-runs/" + runId + "/units?limit=" + UNITS_IN_ANSWER + "&offset=0";
  }

  /** One page of units: code, serial (the code, for a run under a GTIN; else null), URL, number, case. */
  private static Future<JsonArray> unitPage(SqlClient client, UUID runId, boolean serials, Page page) {
    return client.preparedQuery(PackingRuns.UNITS).execute(Tuple.of(runId, page.limit(), page.offset())).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(u -> items.add(new JsonObject().put("code", u.getString("code"))
          .put("serial", serials ? u.getString("code") : null).put("url", u.getString("url"))
          .put("number", u.getInteger("number")).put("caseCode", u.getString("case_code"))));
      return items;
    });
  }

  /** A run without its codes. */
  private static JsonObject run(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("batchId", row.getUUID("batch_id").toString())
        .put("lotCode", row.getString("lot_code"))
        .put("productId", row.getUUID("product_id").toString())
        .put("productVersionId", row.getUUID("product_version").toString())
        .put("productName", row.getString("product_name"))
        .put("gtin", row.getString("gtin"))
        .put("gs1Lot", row.getString("lot"))
        .put("unitCount", row.getInteger("unit_count"))
        .put("unitWeight", row.getBigDecimal("unit_quantity").stripTrailingZeros().doubleValue())
        .put("unitWeightUnit", row.getString("unit_unit"))
        .put("packDate", row.getLocalDate("pack_date").toString())
        .put("packaging", row.getString("packaging"))
        .put("caseSize", row.getInteger("case_size"))
        .put("caseCount", row.getLong("case_count"))
        .put("at", Json.time(row.getOffsetDateTime("created_at")))
        .put("by", row.getUUID("created_by").toString())
        .put("byName", row.getString("by_name"));
  }
}
