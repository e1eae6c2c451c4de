package agritrace.producer;

import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Caller;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Access to a producer's private data: who may read or manage it, and whether it exists. The
 * small public API other features use before touching a producer's records.
 */
public final class Producers {

  private final Pool pool;

  public Producers(Pool pool) {
    this.pool = pool;
  }

  /** The producer's id if the caller may read its data and it exists; else 403 or 404. */
  public Future<UUID> readable(RoutingContext ctx, UUID producerId) {
    Caller caller = Auth.caller(ctx);
    if (!caller.canRead(producerId)) {
      return Future.failedFuture(ApiError.forbidden("this data belongs to another producer"));
    }
    return exists(producerId);
  }

  /** The producer's id if the caller may manage it (platform admin, its own admin) and it exists. */
  public Future<UUID> manageable(RoutingContext ctx, UUID producerId) {
    Caller caller = Auth.caller(ctx);
    if (!caller.canManage(producerId)) {
      return Future.failedFuture(caller.canRead(producerId)
          ? ApiError.forbidden("only the producer's admin or a platform admin may change this")
          : ApiError.forbidden("this data belongs to another producer"));
    }
    return exists(producerId);
  }

  private Future<UUID> exists(UUID producerId) {
    return pool.preparedQuery("SELECT 1 FROM producers WHERE id = $1")
        .execute(Tuple.of(producerId))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(producerId)
            : Future.failedFuture(ApiError.notFound("producer")));
  }
}
