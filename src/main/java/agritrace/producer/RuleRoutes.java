package agritrace.producer;

import agritrace.db.Ids;
import agritrace.db.Sql;
import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * 有管理制度: a producer's written management rules. A rule is never edited: a new version is a
 * new record, and the newest version already in effect is the one that applies.
 */
public final class RuleRoutes {

  /** The rule documents the 五有 model expects, in the order people read them. */
  static final List<String> CATEGORIES = List.of("input_management", "record_keeping", "testing", "labelling", "recall");

  private static final String INSERT = """
      INSERT INTO management_rules (id, producer_id, category, title, version, effective_date, body, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  /** Each version with its status on day $2: the newest version in effect by then is in_effect. */
  private static final String LIST = """
      SELECT id, category, title, version, effective_date, body, created_at,
             CASE WHEN effective_date > $2 THEN 'scheduled'
                  WHEN row_number() OVER (PARTITION BY category, title, effective_date <= $2
                                          ORDER BY effective_date DESC, created_at DESC) = 1 THEN 'in_effect'
                  ELSE 'superseded' END AS status
      FROM management_rules WHERE producer_id = $1
      ORDER BY category, title, effective_date DESC, created_at DESC LIMIT $3 OFFSET $4""";

  private final Pool pool;
  private final Producers producers;
  private final ZoneId zone;

  public RuleRoutes(Pool pool, Producers producers, ZoneId zone) {
    this.pool = pool;
    this.producers = producers;
    this.zone = zone;
  }

  public void mount(Router router) {
    router.post("/api/v1/producers/:producerId/rules")
        .handler(Access.producer("producerId", Right.MANAGE, producers::exists)).handler(this::adopt);
    router.get("/api/v1/producers/:producerId/rules")
        .handler(Access.producer("producerId", Right.READ, producers::exists)).handler(this::list);
  }

  private void adopt(RoutingContext ctx) {
    UUID producerId = Access.producerId(ctx);
    Fields body = Json.body(ctx);
    String category = body.oneOf("category", Set.copyOf(CATEGORIES));
    String title = body.text("title", 200);
    String version = body.text("version", 20);
    LocalDate effective = body.date("effectiveDate");
    String text = body.text("text", 200_000);
    UUID id = Ids.timeOrdered();
    pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {
            id, producerId, category, title, version, effective, text, Auth.caller(ctx).id()}))
        .onSuccess(done -> Json.created(ctx, id.toString()))
        .onFailure(err -> ctx.fail(Sql.uniqueViolation(err, "management_rules_producer_id_category_title_version_key")
            ? ApiError.conflict("version", "rule.version_taken", "version", version)
            : err));
  }

  /**
   * Every version of every rule, newest first, each marked {@code in_effect} (the one that
   * applies today), {@code superseded} or {@code scheduled} (effective date still to come).
   */
  private void list(RoutingContext ctx) {
    Page page = Page.of(ctx, 100);
    pool.preparedQuery(LIST).execute(Tuple.of(Access.producerId(ctx), LocalDate.now(zone), page.limit(), page.offset()))
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          for (Row row : rows) {
            items.add(new JsonObject()
                .put("id", row.getUUID("id").toString())
                .put("category", row.getString("category"))
                .put("title", row.getString("title"))
                .put("version", row.getString("version"))
                .put("effectiveDate", row.getLocalDate("effective_date").toString())
                .put("status", row.getString("status"))
                .put("text", row.getString("body"))
                .put("createdAt", Json.time(row.getOffsetDateTime("created_at"))));
          }
          Json.ok(ctx, page.answer(items));
        })
        .onFailure(ctx::fail);
  }
}
