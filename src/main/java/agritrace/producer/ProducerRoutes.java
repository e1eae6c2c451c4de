package agritrace.producer;

import agritrace.db.Ids;
import agritrace.db.Sql;
import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Caller;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Page;
import agritrace.http.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.UUID;

/** Producers (主体): registration by a platform admin, and reading them. */
public final class ProducerRoutes {

  private static final java.util.regex.Pattern SHORT_CODE = java.util.regex.Pattern.compile("[A-Z0-9]{2,8}");

  /** The form of the short codes given when a producer chooses none. */
  private static final java.util.regex.Pattern GIVEN_SHORT_CODE = java.util.regex.Pattern.compile("P[0-9]+");

  private static final int MAX_REASON = 500;

  static final Set<String> KINDS = Set.of("cooperative", "family_farm", "enterprise", "individual", "handler");

  private static final String INSERT = """
      INSERT INTO producers (id, name, kind, credit_code, id_number, address, region, phone,
                             credit_code_override_reason, credit_code_override_by, created_by, short_code)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
              COALESCE($12, 'P' || lpad(nextval('producer_short_code_seq')::text, 4, '0')))""";
  private static final String COLUMNS = """
      id, name, kind, credit_code, id_number, address, region, phone,
      credit_code_override_reason, credit_code_override_by, created_at, short_code""";
  private static final String FIND = "SELECT " + COLUMNS + " FROM producers WHERE id = $1";
  private static final String LIST = "SELECT " + COLUMNS + " FROM producers"
      + " WHERE ($1::uuid IS NULL OR id = $1) AND ($2::text IS NULL OR name ILIKE $2)"
      + " ORDER BY name, id LIMIT $3 OFFSET $4";

  private final Pool pool;
  private final Producers producers;

  public ProducerRoutes(Pool pool, Producers producers) {
    this.pool = pool;
    this.producers = producers;
  }

  public void mount(Router router) {
    router.post("/api/v1/producers").handler(Auth.require(Role.PLATFORM_ADMIN)).handler(this::register);
    router.get("/api/v1/producers").handler(this::list);
    router.get("/api/v1/producers/:producerId")
        .handler(Access.producer("producerId", Right.READ, producers::exists)).handler(this::show);
  }

  private void register(RoutingContext ctx) {
    Fields body = Json.body(ctx);
    String name = body.text("name", 200);
    String kind = body.oneOf("kind", KINDS);
    boolean individual = kind.equals("individual");
    String creditCode = upper(individual ? body.optionalText("creditCode", 18) : body.text("creditCode", 18));
    String idNumber = upper(individual ? body.text("idNumber", 18) : body.optionalText("idNumber", 18));
    String overrideReason = overrideReason(body, creditCode);
    if (idNumber != null && !ResidentId.valid(idNumber)) {
      throw ApiError.invalid("idNumber", "producer.id_number_check");
    }
    String address = body.text("address", 300);
    String region = body.text("region", 100);
    String phone = body.phone("phone", true);
    String shortCode = upper(body.optionalText("shortCode", 8));
    if (shortCode != null && (!SHORT_CODE.matcher(shortCode).matches() || GIVEN_SHORT_CODE.matcher(shortCode).matches())) {
      throw ApiError.invalid("shortCode", "producer.short_code_form");
    }
    Caller caller = Auth.caller(ctx);
    UUID id = Ids.timeOrdered();
    pool.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {id, name, kind, creditCode, idNumber, address, region, phone,
            overrideReason, overrideReason == null ? null : caller.id(), caller.id(), shortCode}))
        .onSuccess(done -> Json.created(ctx, id.toString()))
        .onFailure(err -> {
          if (Sql.uniqueViolation(err, "producers_credit_code")) {
            ctx.fail(ApiError.conflict("creditCode", "producer.credit_code_taken"));
          } else if (Sql.uniqueViolation(err, "producers_short_code")) {
            ctx.fail(ApiError.conflict("shortCode", "producer.short_code_taken"));
          } else if (Sql.uniqueViolation(err, "producers_id_number")) {
            ctx.fail(ApiError.conflict("idNumber", "producer.id_number_taken"));
          } else {
            ctx.fail(err);
          }
        });
  }

  /**
   * A credit code must pass its check character. A few real, old codes do not: a platform admin
   * may accept one by giving {@code creditCodeOverride.reason}, which is recorded with who did it.
   */
  private static String overrideReason(Fields body, String creditCode) {
    if (creditCode == null) {
      return null;
    }
    if (!CreditCode.wellFormed(creditCode)) {
      throw ApiError.invalid("creditCode", "producer.credit_code_form");
    }
    if (CreditCode.checksumValid(creditCode)) {
      return null;
    }
    Object override = body.json().getValue("creditCodeOverride");
    if (override != null && !(override instanceof JsonObject)) {
      throw ApiError.invalid("creditCodeOverride", "producer.override_object");
    }
    Object reasonValue = override == null ? null : ((JsonObject) override).getValue("reason");
    if (reasonValue != null && (!(reasonValue instanceof String r) || r.isBlank() || r.length() > MAX_REASON)) {
      throw ApiError.invalid("creditCodeOverride.reason", "producer.override_reason", "max", MAX_REASON);
    }
    String reason = reasonValue == null ? null : ((String) reasonValue).strip();
    if (reason == null) {
      throw ApiError.invalid("creditCode", "producer.credit_code_check");
    }
    return reason;
  }

  private void show(RoutingContext ctx) {
    pool.preparedQuery(FIND).execute(Tuple.of(Access.producerId(ctx)))
        .onSuccess(rows -> Json.ok(ctx, toJson(rows.iterator().next(), Auth.caller(ctx))))
        .onFailure(ctx::fail);
  }

  /** Platform admins and inspectors list every producer; a producer's users see their own. */
  private void list(RoutingContext ctx) {
    Caller caller = Auth.caller(ctx);
    Page page = Page.of(ctx, 50);
    String q = Fields.querySearch(ctx, "q", 100);
    pool.preparedQuery(LIST)
        .execute(Tuple.of(caller.producerId(), q, page.limit(), page.offset()))
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(toJson(row, caller)));
          Json.ok(ctx, page.answer(items));
        })
        .onFailure(ctx::fail);
  }

  /**
   * A producer as JSON. A person's resident ID is shown whole only to platform admins,
   * inspectors and the producer's own admin; other readers see it masked.
   */
  private static JsonObject toJson(Row row, Caller caller) {
    String idNumber = row.getString("id_number");
    boolean fullId = caller.role() == Role.PLATFORM_ADMIN || caller.role() == Role.INSPECTOR
        || caller.role() == Role.PRODUCER_ADMIN;
    if (idNumber != null && !fullId) {
      idNumber = idNumber.substring(0, 6) + "********" + idNumber.substring(14);
    }
    JsonObject json = new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("name", row.getString("name"))
        .put("kind", row.getString("kind"))
        .put("creditCode", row.getString("credit_code"))
        .put("idNumber", idNumber)
        .put("address", row.getString("address"))
        .put("region", row.getString("region"))
        .put("phone", row.getString("phone"))
        .put("shortCode", row.getString("short_code"))
        .put("createdAt", Json.time(row.getOffsetDateTime("created_at")));
    String reason = row.getString("credit_code_override_reason");
    if (reason != null) {
      json.put("creditCodeOverride", new JsonObject()
          .put("reason", reason)
          .put("acceptedBy", row.getUUID("credit_code_override_by").toString()));
    }
    return json;
  }

  private static String upper(String s) {
    return s == null ? null : s.toUpperCase();
  }
}
