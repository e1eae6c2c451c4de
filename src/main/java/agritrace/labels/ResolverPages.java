package agritrace.labels;

import agritrace.http.Message;
import agritrace.production.Batch;
import agritrace.production.BatchStatus;
import agritrace.production.Batches;
import agritrace.quality.Certificates;
import agritrace.web.Pages;
import agritrace.web.PublicUrl;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The label resolver: what a printed code opens, no login. {@code /t/{code}} for a unit's or
 * case's code (typed as a person types it; redirected to its canonical form), and the GS1 Digital
 * Link paths {@code /01/{gtin}/10/{lot}/21/{serial}} (a unit) and {@code /01/{gtin}/10/{lot}} (its
 * lot), following the GS1-Conformant Resolver standard there: a linkset (RFC 9264) on
 * {@code ?linkType=linkset} or {@code Accept: application/linkset+json}, a 307 to a named link
 * type's target, 404 for one it lacks, CORS for GS1's tools, and the description file at
 * {@code /.well-known/gs1resolver}. An invalid link or code is a 400 page naming why; a
 * well-formed code nobody issued is a 404 page saying it is not genuine. Pages show what the
 * certificate page shows of a batch, never a person's name or notes.
 */
public final class ResolverPages {


  static final String LINKSET = "application/linkset+json";

  private final Pool pool;
  private final Pages pages;
  private final Supplier<PublicUrl> publicUrl;

  public ResolverPages(Pool pool, Pages pages, Supplier<PublicUrl> publicUrl) {
    this.pool = pool;
    this.pages = pages;
    this.publicUrl = publicUrl;
  }

  public void mount(Router router) {
    router.get("/t/:code").handler(this::trace);
    router.getWithRegex("/01/.*").handler(this::digitalLink);
    router.headWithRegex("/01/.*").handler(this::digitalLink);
    router.optionsWithRegex("/01/.*").handler(ResolverPages::options);
    router.get("/.well-known/gs1resolver").handler(this::description);
  }

  private void trace(RoutingContext ctx) {
    String typed = ctx.pathParam("code");
    UnitCode code;
    try {
      code = UnitCode.parse(typed);
    } catch (ParseFailure invalid) {
      problem(ctx, 400, "labels.invalid.title", invalid.code());
      return;
    }
    if (!code.value().equals(typed)) {
      String query = ctx.request().query();
      ctx.response().setStatusCode(301).putHeader("Location", "/t/" + code.value() + (query == null ? "" : "?" + query))
          .putHeader("Cache-Control", "no-cache").end();
      return;
    }
    PackingRuns.label(pool, code.value()).onSuccess(label -> {
      if (label == null) {
        problem(ctx, 404, "labels.unknown.title", "labels.unknown.what_to_do");
      } else {
        model(label).onSuccess(model -> pages.send(ctx, 200, "label", model)).onFailure(ctx::fail);
      }
    }).onFailure(ctx::fail);
  }

  private void digitalLink(RoutingContext ctx) {
    cors(ctx.response());
    DigitalLink link;
    try {
      link = DigitalLink.parsePath(ctx.request().path());
    } catch (ParseFailure invalid) {
      problem(ctx, 400, "labels.invalid.title", invalid.code());
      return;
    }
    find(pool, link).onSuccess(label -> {
      if (label == null) {
        problem(ctx, 404, "labels.unknown.title", "labels.unknown.what_to_do");
        return;
      }
      String anchor = publicUrl.get().base() + link.path();
      ctx.response().putHeader("Link", "<" + anchor + "?linkType=linkset>; rel=\"linkset\"; type=\"" + LINKSET + "\"");
      String linkType = Gs1Links.linkType(ctx.queryParam("linkType"));
      model(label).onSuccess(model -> {
        if ("linkset".equals(linkType) || "all".equals(linkType) || linkType == null && wantsLinkset(ctx)) {
          Pages.headers(ctx.response(), LINKSET).end(Gs1Links.linkset(publicUrl.get(), link, (String) model.get("productName"),
              (Certificates.Shown) model.get("certificate")).encode());
        } else if (linkType == null || linkType.equals("pip") || linkType.equals("defaultLink")
            || linkType.equals("traceability")) {
          pages.send(ctx, 200, "label", model);
        } else if (linkType.equals("certificationInfo") && model.get("certificate") != null) {
          ctx.response().setStatusCode(307).putHeader("Location", passOn(ctx,
                  publicUrl.get().certificate(((Certificates.Shown) model.get("certificate")).code())))
              .putHeader("Cache-Control", "no-cache").end();
        } else {
          problem(ctx, 404, "labels.no_link.title", "labels.no_link.what_to_do");
        }
      }).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  /** The unit (by its serial, the code) or lot the link names under its GTIN; null for what is not served. */
  static Future<PackingRuns.Label> find(SqlClient client, DigitalLink link) {
    String gtin = link.gtin().gtin14();
    if (link.cpv() != null || link.lot() == null) {
      return Future.succeededFuture();
    }
    if (link.serial() == null) {
      return PackingRuns.lot(client, gtin, link.lot());
    }
    return PackingRuns.label(client, link.serial()).map(label -> label != null && label.kind().equals("unit")
        && gtin.equals(label.gtin()) && link.lot().equals(label.lot()) ? label : null);
  }

  private static boolean wantsLinkset(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains(LINKSET);
  }

  /** {@code target} with the request's query string passed on, less the linkType that chose it. */
  private static String passOn(RoutingContext ctx, String target) {
    List<String> kept = new ArrayList<>();
    String query = ctx.request().query();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (!pair.isEmpty() && !pair.startsWith("linkType=") && !pair.equals("linkType")) {
          kept.add(pair);
        }
      }
    }
    return kept.isEmpty() ? target : target + "?" + String.join("&", kept);
  }

  private static void options(RoutingContext ctx) {
    cors(ctx.response()).setStatusCode(204).putHeader("Allow", "GET, HEAD, OPTIONS").end();
  }

  /** What the GS1-Conformant Resolver standard asks of answers on Digital Link paths, for GS1's tools in browsers. */
  private static HttpServerResponse cors(HttpServerResponse response) {
    return response.putHeader("Access-Control-Allow-Origin", "*")
        .putHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        .putHeader("Access-Control-Allow-Headers", "Accept")
        .putHeader("Access-Control-Expose-Headers", "Link, Location");
  }

  private void description(RoutingContext ctx) {
    cors(Pages.headers(ctx.response(), "application/json")).end(Gs1Links.description(publicUrl.get()).encode());
  }

  /** What label.html shows of a unit, case or lot: the run's facts, the batch now and its certificate. */
  private Future<Map<String, Object>> model(PackingRuns.Label label) {
    Future<List<String[]>> units = label.kind().equals("case") ? PackingRuns.unitsIn(pool, label.code())
        : Future.succeededFuture(List.of());
    return Future.all(Batches.find(pool, label.batchId()), Certificates.latestShown(pool, label.batchId()), units)
        .map(all -> {
          Batch batch = all.resultAt(0);
          Certificates.Shown certificate = all.resultAt(1);
          Map<String, Object> model = new HashMap<>();
          model.put("kind", label.kind());
          model.put("code", label.code() == null ? null : new UnitCode(label.code()).grouped());
          model.put("productName", label.productName());
          model.put("producer", label.producerName());
          model.put("origin", certificate == null ? null : certificate.origin());
          model.put("packDate", label.kind().equals("lot") ? null : label.packDate().toString());
          model.put("net", label.kind().equals("unit") ? label.unitQuantity().stripTrailingZeros().toPlainString() : null);
          model.put("netUnit", Message.of("quantity_unit." + label.unitUnit()));
          model.put("lot", label.lotCode());
          model.put("status", batch.status().title());
          model.put("statusId", batch.status().id());
          model.put("alert", batch.status() == BatchStatus.RELEASED ? null
              : Message.of("labels.page.status_changed", "statusName", batch.status().title()));
          model.put("certificate", certificate);
          model.put("certificateCode", certificate == null ? null : certificate.code());
          model.put("basis", certificate == null ? null : certificate.basis());
          List<Map<String, String>> shown = new ArrayList<>();
          for (String[] unit : all.<List<String[]>>resultAt(2)) {
            shown.add(Map.of("code", new UnitCode(unit[0]).grouped(), "href", unit[1]));
          }
          model.put("units", shown);
          return model;
        });
  }

  /** A 400 or 404 page: a heading and what it means, both from the catalogue. */
  private void problem(RoutingContext ctx, int status, String heading, String detail) {
    pages.problem(ctx, status, heading, Message.of(detail));
  }
}
