package agritrace.inspection;

import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Page;
import agritrace.http.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.UUID;

/**
 * Checklist templates as reference data: platform admins load them as JSON (no editor screen),
 * each load of a code a new version; inspectors and platform admins read the versions in force.
 */
public final class ChecklistRoutes {

  static final String PATH = "/api/v1/reference/checklists";

  private final Pool pool;

  public ChecklistRoutes(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router router) {
    router.post(PATH).handler(Auth.require(Role.PLATFORM_ADMIN)).handler(this::load);
    router.get(PATH).handler(Auth.require(Role.INSPECTOR, Role.PLATFORM_ADMIN)).handler(this::list);
    router.get(PATH + "/:checklistId").handler(Auth.require(Role.INSPECTOR, Role.PLATFORM_ADMIN)).handler(this::show);
  }

  /** 201 with the stored version. */
  private void load(RoutingContext ctx) {
    Checklist.Loaded loaded = Checklist.from(Json.body(ctx));
    Checklists.store(pool, loaded, Auth.caller(ctx).id())
        .onSuccess(stored -> Json.send(ctx, 201, stored.toJson().put("current", true)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Page page = Page.of(ctx, 100);
    Checklists.current(pool, page.limit(), page.offset())
        .onSuccess(found -> {
          JsonArray items = new JsonArray();
          found.forEach(c -> items.add(c.toJson().put("current", true)));
          Json.ok(ctx, page.answer(items));
        })
        .onFailure(ctx::fail);
  }

  /** Any version by its id, saying whether it is the one in force. */
  private void show(RoutingContext ctx) {
    UUID id = Fields.pathId(ctx, "checklistId", "checklist");
    Checklists.find(pool, id)
        .onSuccess(found -> {
          if (found == null) {
            ctx.fail(ApiError.notFound("checklist"));
          } else {
            Json.ok(ctx, found.checklist().toJson().put("current", found.current()));
          }
        })
        .onFailure(ctx::fail);
  }
}
