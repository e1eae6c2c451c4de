package agritrace.inspection;

import agritrace.db.Sql;
import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Page;
import agritrace.http.Role;
import agritrace.photos.Attachable;
import agritrace.photos.Photos;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Inspections (日常监督检查) over HTTP: an inspector files one per producer visit, filled with a
 * checklist template version; the producer's admins, inspectors and platform admins read them.
 * Photos of an inspection, each naming the item it shows, go through the photo store.
 */
public final class InspectionRoutes {

  /** The photo kind of inspections, registered with the photo store. */
  public static final String PHOTO_KIND = "inspection";

  private static final Role[] READERS = {Role.INSPECTOR, Role.PLATFORM_ADMIN};

  private final Pool pool;
  private final Access.Owner producerExists;
  private final Inspections inspections;
  private final Photos photos;

  public InspectionRoutes(Pool pool, Access.Owner producerExists) {
    this.pool = pool;
    this.producerExists = producerExists;
    this.inspections = new Inspections(pool);
    this.photos = new Photos(pool);
  }

  /** Inspections as a kind of record photos are attached to: by inspectors, each photo naming its item. */
  public Attachable photoKind() {
    return new Attachable(PHOTO_KIND, "inspections", Set.of(), inspections::owner, inspections::owner,
        inspections::hasItem);
  }

  /** The 五有 profile's block of inspections, for a producer. */
  public Future<JsonObject> profile(UUID producerId) {
    return inspections.profile(producerId);
  }

  public void mount(Router router) {
    String ofProducer = "/api/v1/producers/:producerId/inspections";
    router.post(ofProducer).handler(Auth.require(Role.INSPECTOR))
        .handler(Access.producer("producerId", Right.READ, producerExists)).handler(this::file);
    router.get(ofProducer).handler(Auth.require(Role.PRODUCER_ADMIN, READERS))
        .handler(Access.producer("producerId", Right.READ, producerExists)).handler(this::list);
    router.get("/api/v1/inspections/:inspectionId").handler(Auth.require(Role.PRODUCER_ADMIN, READERS))
        .handler(Access.record("inspectionId", "inspection", Right.READ, inspections::owner)).handler(this::show);
  }

  /** 201 with the inspection as stored; 200 for the same inspection sent again. */
  private void file(RoutingContext ctx) {
    NewInspection inspection = NewInspection.from(Json.body(ctx));
    UUID producerId = Access.producerId(ctx);
    UUID inspector = Auth.caller(ctx).id();
    pool.withTransaction(tx -> Inspections.existing(tx, inspection.id()).compose(existing -> {
          if (existing == null) {
            return checked(tx, inspection, producerId)
                .compose(ok -> Inspections.record(tx, inspection, producerId, inspector)).map(201);
          }
          if (!existing.producerId().equals(producerId) || !existing.content().equals(inspection.content())) {
            return Future.failedFuture(ApiError.conflict("id", "inspection.id_taken"));
          }
          return Future.succeededFuture(200);
        }).compose(status -> detail(tx, inspection.id()).map(body -> new Answer(status, body))))
        // The same id or the same correction sent at once: the keys keep them apart.
        .recover(failure -> Future.failedFuture(Sql.uniqueViolation(failure, "inspections_pkey")
            ? ApiError.conflict("id", "inspection.id_taken")
            : Sql.uniqueViolation(failure, "inspections_corrected_once")
            ? ApiError.conflict("corrects", "inspection.already_corrected") : failure))
        .onSuccess(answer -> Json.send(ctx, answer.status(), answer.body()))
        .onFailure(ctx::fail);
  }

  private record Answer(int status, JsonObject body) {
  }

  /** The template it names exists and it answers it whole; a correction names a standing inspection of this producer. */
  private static Future<Void> checked(SqlClient tx, NewInspection inspection, UUID producerId) {
    return Checklists.find(tx, inspection.templateId()).compose(found -> {
      if (found == null) {
        return Future.failedFuture(ApiError.invalid("templateId", "inspection.unknown_template"));
      }
      inspection.check(found.checklist());
      return inspection.corrects() == null ? Future.<Void>succeededFuture()
          : Inspections.corrected(tx, inspection.corrects()).compose(earlier -> {
            if (earlier == null || !earlier.producerId().equals(producerId)) {
              return Future.failedFuture(ApiError.conflict("corrects", "inspection.correction_unknown"));
            }
            return earlier.corrected()
                ? Future.failedFuture(ApiError.conflict("corrects", "inspection.already_corrected"))
                : Future.<Void>succeededFuture();
          });
    });
  }

  private Future<JsonObject> detail(SqlClient client, UUID id) {
    return Inspections.find(client, id).compose(found -> photos.of(PHOTO_KIND, List.of(id)).map(found::detail));
  }

  /** The producer's inspections, latest visit first, a page at a time. */
  private void list(RoutingContext ctx) {
    Page page = Page.of(ctx, 50);
    Inspections.ofProducer(pool, Access.producerId(ctx), page.limit(), page.offset())
        .onSuccess(found -> {
          JsonArray items = new JsonArray();
          found.forEach(i -> items.add(i.summary()));
          Json.ok(ctx, page.answer(items));
        })
        .onFailure(ctx::fail);
  }

  private void show(RoutingContext ctx) {
    detail(pool, Fields.pathId(ctx, "inspectionId", "inspection"))
        .onSuccess(body -> Json.ok(ctx, body))
        .onFailure(ctx::fail);
  }
}
