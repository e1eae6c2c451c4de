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
  /** Seconds a client is asked to wait when the database cannot be reached (it is restarting, typically). */
  public static final int RETRY_AFTER_SECONDS = 5;
  /** SQLSTATEs of a server that is shutting down, restarting or in recovery: admin_shutdown, crash_shutdown, cannot_connect_now. */
  private static final java.util.Set<String> RESTARTING = java.util.Set.of("57P01", "57P02", "57P03");

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
    if ("database_unavailable".equals(error.code())) {
      LOG.warn("{} {}: the database cannot be reached ({})", ctx.request().method(), ctx.request().path(),
          String.valueOf(ctx.failure().getMessage()).lines().findFirst().orElse(""));
      ctx.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    } else if (error.status() >= 500) {
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
    if (databaseUnreachable(failure)) {
      return new ApiError(503, "database_unavailable", Message.of("error.database_unavailable"), null);
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

  /**
   * Whether a failure means the database cannot be reached: no connection (refused, reset, closed
   * under a query, none free in time) or a server shutting down, restarting or recovering. What
   * was in flight was rolled back; the client may send it again.
   */
  public static boolean databaseUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.net.SocketException
          || t instanceof java.nio.channels.ClosedChannelException
          || t instanceof io.vertx.sqlclient.ClosedConnectionException
          || t instanceof io.vertx.core.impl.NoStackTraceTimeoutException) {
        return true;
      }
      if (t instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || RESTARTING.contains(pg.getSqlState()))) {
        return true;
      }
    }
    return false;
  }

  private static ApiError internal() {
    return new ApiError(500, "internal_error", Message.of("error.internal"), null);
  }
}
