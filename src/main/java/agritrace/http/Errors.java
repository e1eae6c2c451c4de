package agritrace.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
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
    answer(ctx, ctx.statusCode());
  }

  /**
   * The router's error handler for {@code status}: the router calls it without failing the
   * context when it cannot even match the path (a broken % escape is a 400), so the status is
   * the one it was registered for unless the context says otherwise.
   */
  public static Handler<RoutingContext> forStatus(int status) {
    return ctx -> answer(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : status);
  }

  private static void answer(RoutingContext ctx, int status) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ApiError error = toApiError(ctx.failure(), status);
    if (error.status() >= 500) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
    }
    if (error.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    JsonObject body = new JsonObject().put("error", error.code())
        .mergeIn(Messages.toJson(error.message(), Messages.language(ctx)));
    if (error.field() != null) {
      body.put("field", error.field());
    }
    Json.send(ctx, error.status(), body);
  }

  /**
   * The HTTP server's answer to a request it could not read at all: a request line over 4 KB
   * ({@code 414}), headers over 8 KB ({@code 431}) or broken HTTP ({@code 400}), with the same
   * problem body as every other error; then the connection is closed, as HTTP/1.1 asks.
   */
  public static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiError error = cause instanceof TooLongHttpLineException
        ? new ApiError(414, "uri_too_long", Message.of("error.uri_too_long"), null)
        : cause instanceof TooLongHttpHeaderException
            ? new ApiError(431, "headers_too_large", Message.of("error.headers_too_large"), null)
            : new ApiError(400, "bad_request", Message.of("error.bad_request"), null);
    String accept = request.getHeader("Accept-Language");
    Messages.Language language = accept != null && accept.strip().toLowerCase(java.util.Locale.ROOT).startsWith("en")
        ? Messages.Language.EN : Messages.Language.ZH;
    JsonObject body = new JsonObject().put("error", error.code()).mergeIn(Messages.toJson(error.message(), language));
    request.response().setStatusCode(error.status())
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body.toBuffer())
        .onComplete(done -> request.connection().close());
  }

  private static ApiError toApiError(Throwable failure, int status) {
    if (failure instanceof ApiError api) {
      return api;
    }
    if (failure instanceof PgException pg && "P0001".equals(pg.getSqlState())) {
      return new ApiError(409, "append_only", Message.of("error.append_only"), null);
    }
    if (failure != null && !(failure instanceof io.vertx.ext.web.handler.HttpException)) {
      return internal();
    }
    if (failure instanceof io.vertx.ext.web.handler.HttpException http) {
      status = http.getStatusCode();
    }
    return switch (status) {
      case 400 -> new ApiError(400, "bad_request", Message.of("error.bad_request"), null);
      case 401 -> new ApiError(401, "unauthorized", Message.of("error.log_in_first"), null);
      case 403 -> ApiError.forbidden("error.role_may_not");
      case 404 -> ApiError.notFound("resource");
      case 405 -> new ApiError(405, "method_not_allowed", Message.of("error.method_not_allowed"), null);
      case 413 -> new ApiError(413, "payload_too_large", Message.of("error.payload_too_large"), null);
      case 415 -> new ApiError(415, "unsupported_media_type", Message.of("error.json_only"), null);
      default -> internal();
    };
  }

  private static ApiError internal() {
    return new ApiError(500, "internal_error", Message.of("error.internal"), null);
  }
}
