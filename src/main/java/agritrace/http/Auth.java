package agritrace.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/** Bearer-token authentication and role checks for {@code /api/v1} routes. */
public final class Auth {

  private static final String CALLER = "caller";
  private static final String TOKEN = "token";
  private static final String VOUCHED = "vouchedToken";

  private final Sessions sessions;

  public Auth(Sessions sessions) {
    this.sessions = sessions;
  }

  /** Resolves the bearer token to a {@link Caller}; no or a dead token is a 401. */
  public void authenticate(RoutingContext ctx) {
    String vouched = ctx.get(VOUCHED);
    String token = vouched != null ? vouched : bearerToken(ctx);
    if (token == null) {
      ctx.fail(401);
      return;
    }
    sessions.find(token).onComplete(found -> {
      if (found.failed()) {
        ctx.fail(found.cause());
      } else if (found.result() == null) {
        ctx.fail(new ApiError(401, "unauthorized", Message.of("error.session_ended"), null));
      } else {
        ctx.put(CALLER, found.result());
        ctx.put(TOKEN, token);
        ctx.next();
      }
    });
  }

  /**
   * For a handler mounted before {@link #authenticate} that found, in place of the header, what
   * stands for a session on this request (a print ticket): the session's token, checked as a
   * bearer token would be.
   */
  public static void vouch(RoutingContext ctx, String token) {
    ctx.put(VOUCHED, token);
  }

  /** A handler letting through only callers with one of the roles; others get a 403. */
  public static Handler<RoutingContext> require(Role first, Role... rest) {
    Set<Role> allowed = EnumSet.of(first, rest);
    return ctx -> {
      if (allowed.contains(caller(ctx).role())) {
        ctx.next();
      } else {
        ctx.fail(ApiError.forbidden("error.your_role_may_not", "role", caller(ctx).role().id()));
      }
    };
  }

  public static Caller caller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  public static String token(RoutingContext ctx) {
    return ctx.get(TOKEN);
  }

  private static String bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).strip();
    return token.isEmpty() || token.length() > 100 ? null : token;
  }
}
