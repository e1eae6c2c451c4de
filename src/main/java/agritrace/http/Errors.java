package agritrace.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns a failed request into a JSON problem body. */
public final class Errors {

  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {
  }

  /** Failure handler for every route and for the router's own 404/405/413/415 answers. */
  public static void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ApiError error = toApiError(ctx.failure(), ctx.statusCode());
    if (error.status() >= 500) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
    }
    if (error.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    JsonObject body = new JsonObject()
        .put("error", error.code())
        .put("message", error.getMessage());
    if (error.field() != null) {
      body.put("field", error.field());
    }
    Json.send(ctx, error.status(), body);
  }

  private static ApiError toApiError(Throwable failure, int status) {
    if (failure instanceof ApiError api) {
      return api;
    }
    if (failure instanceof PgException pg && "P0001".equals(pg.getSqlState())) {
      return new ApiError(409, "append_only", "records are evidence and cannot be changed; add a correction instead", null);
    }
    if (failure != null && !(failure instanceof io.vertx.ext.web.handler.HttpException)) {
      return new ApiError(500, "internal_error", "something went wrong on our side; nothing was saved", null);
    }
    if (failure instanceof io.vertx.ext.web.handler.HttpException http) {
      status = http.getStatusCode();
    }
    return switch (status) {
      case 400 -> new ApiError(400, "bad_request", "the request could not be read", null);
      case 401 -> new ApiError(401, "unauthorized", "log in first: send Authorization: Bearer <token>", null);
      case 403 -> ApiError.forbidden("your role may not do this");
      case 404 -> new ApiError(404, "not_found", "no such resource", null);
      case 405 -> new ApiError(405, "method_not_allowed", "this resource does not accept that method", null);
      case 413 -> new ApiError(413, "payload_too_large", "the request body is too large: JSON bodies may be 1 MiB, photos 5 MiB", null);
      case 415 -> new ApiError(415, "unsupported_media_type", "send the body as application/json", null);
      default -> new ApiError(500, "internal_error", "something went wrong on our side; nothing was saved", null);
    };
  }
}
