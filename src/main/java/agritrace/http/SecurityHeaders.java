package agritrace.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every answer carries, set in one place as its headers are written: no content-type
 * sniffing, no referrer sent to other sites, an HTML answer that set no policy of its own gets the
 * strictest one (nothing runs, nothing loads, no framing), and HSTS when the operator's public
 * address is HTTPS (a TLS-terminating proxy in front passes it on to the browser).
 */
public final class SecurityHeaders {

  /** The policy of an HTML answer that brought none: no script, no style, no frames, nothing from elsewhere. */
  static final String STRICTEST = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  static final String HSTS = "max-age=31536000; includeSubDomains";

  private final boolean https;

  /** {@code https}: whether AGRITRACE_PUBLIC_URL says the public address is HTTPS. */
  public SecurityHeaders(boolean https) {
    this.https = https;
  }

  public void handle(RoutingContext ctx) {
    ctx.addHeadersEndHandler(done -> apply(ctx.response().headers()));
    ctx.next();
  }

  void apply(MultiMap headers) {
    headers.set("X-Content-Type-Options", "nosniff");
    if (!headers.contains("Referrer-Policy")) {
      headers.set("Referrer-Policy", "no-referrer");
    }
    String type = headers.get("Content-Type");
    if (type != null && type.startsWith("text/html") && !headers.contains("Content-Security-Policy")) {
      headers.set("Content-Security-Policy", STRICTEST);
    }
    if (https) {
      headers.set("Strict-Transport-Security", HSTS);
    }
  }
}
