package agritrace.producer;

import agritrace.db.Ids;
import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Page;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** 有管理人员: a producer's responsible people, their duties and their training records. */
public final class PeopleRoutes {

  static final Set<String> DUTIES =
      Set.of("quality_manager", "production_manager", "recorder", "tester", "input_keeper", "other");

  private static final String INSERT_PERSON = """
      INSERT INTO personnel (id, producer_id, name, duty, phone, user_id, created_by)
      SELECT $1, $2, $3, $4, $5, $6, $7
      WHERE $6::uuid IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = $6 AND producer_id = $2)""";
  private static final String INSERT_TRAINING = """
      INSERT INTO trainings (id, person_id, course, taken_on, certificate_no, created_by)
      SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM personnel WHERE id = $2 AND producer_id = $7)""";
  private static final String LIST = """
      SELECT p.id, p.name, p.duty, p.phone, p.user_id, p.created_at,
             t.id AS training_id, t.course, t.taken_on, t.certificate_no
      FROM (SELECT * FROM personnel WHERE producer_id = $1 ORDER BY created_at, id LIMIT $2 OFFSET $3) p
      LEFT JOIN trainings t ON t.person_id = p.id
      ORDER BY p.created_at, p.id, t.taken_on, t.id""";

  private final Pool pool;
  private final Producers producers;
  private final ZoneId zone;

  public PeopleRoutes(Pool pool, Producers producers, ZoneId zone) {
    this.pool = pool;
    this.producers = producers;
    this.zone = zone;
  }

  public void mount(Router router) {
    Handler<RoutingContext> manager = Access.producer("producerId", Right.MANAGE, producers::exists);
    router.post("/api/v1/producers/:producerId/personnel").handler(manager).handler(this::name);
    router.get("/api/v1/producers/:producerId/personnel")
        .handler(Access.producer("producerId", Right.READ, producers::exists)).handler(this::list);
    router.post("/api/v1/producers/:producerId/personnel/:personId/trainings").handler(manager).handler(this::recordTraining);
  }

  /** Names a responsible person; optionally linked to one of the producer's user accounts. */
  private void name(RoutingContext ctx) {
    UUID producerId = Access.producerId(ctx);
    Fields body = Json.body(ctx);
    String name = body.text("name", 100);
    String duty = body.oneOf("duty", DUTIES);
    String phone = body.phone("phone", false);
    UUID userId = body.optionalUuid("userId");
    UUID id = Ids.timeOrdered();
    pool.preparedQuery(INSERT_PERSON)
        .execute(Tuple.from(new Object[] {id, producerId, name, duty, phone, userId, Auth.caller(ctx).id()}))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture()
            : Future.failedFuture(ApiError.invalid("userId", "person.user_not_ours")))
        .onSuccess(done -> Json.created(ctx, id.toString()))
        .onFailure(ctx::fail);
  }

  private void recordTraining(RoutingContext ctx) {
    UUID producerId = Access.producerId(ctx);
    UUID personId = Fields.pathId(ctx, "personId", "person");
    Fields body = Json.body(ctx);
    String course = body.text("course", 200);
    LocalDate date = body.date("date");
    if (date.isAfter(LocalDate.now(zone))) {
      throw ApiError.invalid("date", "training.future_date");
    }
    String certificateNo = body.optionalText("certificateNo", 64);
    UUID id = Ids.timeOrdered();
    pool.preparedQuery(INSERT_TRAINING)
        .execute(Tuple.from(new Object[] {id, personId, course, date, certificateNo, Auth.caller(ctx).id(), producerId}))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture()
            : Future.failedFuture(ApiError.notFound("person")))
        .onSuccess(done -> Json.created(ctx, id.toString()))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Page page = Page.of(ctx, 100);
    pool.preparedQuery(LIST).execute(Tuple.of(Access.producerId(ctx), page.limit(), page.offset()))
        .onSuccess(rows -> {
          Map<UUID, JsonObject> people = new LinkedHashMap<>();
          for (Row row : rows) {
            JsonObject person = people.computeIfAbsent(row.getUUID("id"), id -> personJson(row));
            if (row.getUUID("training_id") != null) {
              person.getJsonArray("trainings").add(new JsonObject()
                  .put("id", row.getUUID("training_id").toString())
                  .put("course", row.getString("course"))
                  .put("date", row.getLocalDate("taken_on").toString())
                  .put("certificateNo", row.getString("certificate_no")));
            }
          }
          Json.ok(ctx, page.answer(new JsonArray(people.values().stream().toList())));
        })
        .onFailure(ctx::fail);
  }

  private static JsonObject personJson(Row row) {
    UUID userId = row.getUUID("user_id");
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("name", row.getString("name"))
        .put("duty", row.getString("duty"))
        .put("phone", row.getString("phone"))
        .put("userId", userId == null ? null : userId.toString())
        .put("createdAt", Json.time(row.getOffsetDateTime("created_at")))
        .put("trainings", new JsonArray());
  }
}
