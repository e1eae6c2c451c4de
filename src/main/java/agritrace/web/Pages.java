package agritrace.web;

import agritrace.http.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.thymeleaf.ThymeleafTemplateEngine;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * Public HTML pages (no login: a certificate's page, later the label resolver and the trace
 * page), rendered from templates in {@code templates/} on the classpath.
 *
 * <p>The engine is Thymeleaf, through Vert.x's {@code vertx-web-templ-thymeleaf}: its {@code th:text}
 * and attribute expressions escape by default (whatever a user typed comes out as text), its
 * templates are plain HTML a designer can open in a browser, fragments give every page one
 * layout ({@code templates/layout.html}), and it needs no build step. JTE was the other choice;
 * its compile-time checking is worth less here than templates that need no Maven plugin.
 *
 * <p>Each page shows every text twice, Chinese first and English second, from the message
 * catalogue ({@link Texts}, as {@code t} in every template); none is written in a template.
 * Pages link one stylesheet served as a file ({@link #STYLESHEET}) and carry a strict CSP (no
 * script at all; style from 'self'), a phone viewport, and no long caching, as they show live
 * status. Rendering runs on a worker thread, never on the event loop.
 */
public final class Pages {

  /** The one stylesheet of the public pages. */
  public static final String STYLESHEET = "/pages/public.css";
  /** No script, no frames, nothing from elsewhere: style, images and fonts from this server only. */
  static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self';"
      + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Vertx vertx;
  private final TemplateEngine engine;
  private Buffer stylesheet;

  public Pages(Vertx vertx) {
    this.vertx = vertx;
    this.engine = ThymeleafTemplateEngine.create(vertx).unwrap();
    // Vert.x's resolver reads templates through the file system (classpath included); parsed once, then cached.
    engine.getTemplateResolvers().forEach(resolver -> {
      if (resolver instanceof StringTemplateResolver cached) {
        cached.setCacheable(true);
      }
    });
  }

  public void mount(Router router) {
    router.get(STYLESHEET).handler(this::sendStylesheet);
  }

  /** The template {@code templates/{name}} rendered with {@code model}, off the event loop. */
  public Future<String> render(String name, Map<String, Object> model) {
    Map<String, Object> variables = new HashMap<>(model);
    variables.put("t", Texts.INSTANCE);
    variables.put("stylesheet", STYLESHEET);
    return vertx.executeBlocking(() -> engine.process("templates/" + name, new Context(Locale.SIMPLIFIED_CHINESE,
        variables)), false);
  }

  /** Renders the page {@code templates/{name}.html} and sends it with {@code status}. */
  public void send(RoutingContext ctx, int status, String name, Map<String, Object> model) {
    render(name + ".html", model)
        .onSuccess(html -> headers(ctx.response().setStatusCode(status), "text/html; charset=utf-8").end(html))
        .onFailure(ctx::fail);
  }

  /** A page saying what went wrong: a heading and what it means, both from the catalogue. */
  public void problem(RoutingContext ctx, int status, String heading, Message detail) {
    send(ctx, status, "problem", Map.of("heading", heading, "detail", detail));
  }

  /** The headers of every public answer: its type, the policy, and revalidation on each view. */
  public static HttpServerResponse headers(HttpServerResponse response, String contentType) {
    return response.putHeader("Content-Type", contentType)
        .putHeader("Content-Security-Policy", POLICY)
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", "no-cache");
  }

  private void sendStylesheet(RoutingContext ctx) {
    Future<Buffer> css = stylesheet != null ? Future.succeededFuture(stylesheet)
        : vertx.fileSystem().readFile("templates/public.css").onSuccess(read -> stylesheet = read);
    css.onSuccess(read -> headers(ctx.response(), "text/css; charset=utf-8")
            .putHeader("Cache-Control", "public, max-age=3600").end(read))
        .onFailure(ctx::fail);
  }
}
