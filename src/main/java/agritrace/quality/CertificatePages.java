package agritrace.quality;

import agritrace.http.Message;
import agritrace.http.Messages;
import agritrace.http.Messages.Language;
import agritrace.production.Batch;
import agritrace.production.BatchStatus;
import agritrace.production.Batches;
import agritrace.web.Pages;
import agritrace.web.PublicUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A certificate's public pages, no login, behind its QR code: {@code /c/{code}} for shoppers'
 * phones (its fields, the tests behind its basis, the batch's status as it is now, and a hold,
 * rejection or recall since issue at the top), {@code /c/{code}/print} to print it and
 * {@code /c/{code}/svg}, the 100 × 70 mm sheet with its QR code. Nothing private is shown: no
 * person's name, ID number or notes, only the issuing organisation.
 */
public final class CertificatePages {

  private final Vertx vertx;
  private final Pool pool;
  private final Pages pages;
  private final ZoneId zone;
  private final Supplier<PublicUrl> publicUrl;

  public CertificatePages(Vertx vertx, Pool pool, Pages pages, ZoneId zone, Supplier<PublicUrl> publicUrl) {
    this.vertx = vertx;
    this.pool = pool;
    this.pages = pages;
    this.zone = zone;
    this.publicUrl = publicUrl;
  }

  public void mount(Router router) {
    router.get("/c/:code").handler(this::page);
    router.get("/c/:code/print").handler(this::print);
    router.get("/c/:code/svg").handler(this::svg);
  }

  private void page(RoutingContext ctx) {
    find(ctx).onSuccess(model -> {
      if (model != null) {
        pages.send(ctx, 200, "certificate", model);
      }
    }).onFailure(ctx::fail);
  }

  private void print(RoutingContext ctx) {
    find(ctx).onSuccess(model -> {
      if (model != null) {
        pages.send(ctx, 200, "certificate-print", model);
      }
    }).onFailure(ctx::fail);
  }

  /** The sheet as SVG, drawn on a worker: the QR code's modules and the text are computed there. */
  private void svg(RoutingContext ctx) {
    find(ctx).compose(model -> model == null ? Future.succeededFuture() : vertx.executeBlocking(() -> sheet(model), false)
            .compose(sheet -> pages.render("certificate-sheet.svg", sheet))
            .onSuccess(svg -> Pages.headers(ctx.response(), "image/svg+xml; charset=utf-8")
                .putHeader("Content-Disposition", "inline; filename=\"certificate-" + model.get("code") + ".svg\"")
                .end(svg)))
        .onFailure(ctx::fail);
  }

  /**
   * The certificate named by the path's code, as its pages show it; null when there is none, after
   * answering the friendly 404 page.
   */
  private Future<Map<String, Object>> find(RoutingContext ctx) {
    String code = CertificateCode.parse(ctx.pathParam("code"));
    Future<Certificate> found = code == null ? Future.succeededFuture() : Certificates.byCode(pool, code);
    return found.compose(certificate -> {
      if (certificate == null) {
        pages.send(ctx, 404, "certificate-unknown", Map.of());
        return Future.succeededFuture();
      }
      return Future.all(Batches.find(pool, certificate.batchId()),
              Certificates.basisTests(pool, certificate.basisTests(), zone))
          .map(all -> model(certificate, all.resultAt(0), all.resultAt(1)));
    });
  }

  private Map<String, Object> model(Certificate c, Batch batch, List<Certificates.BasisTest> tests) {
    Map<String, Object> model = new HashMap<>();
    model.put("code", c.code());
    model.put("url", publicUrl.get().certificate(c.code()));
    model.put("productName", c.productName());
    model.put("quantity", c.amount().plain());
    model.put("unit", Message.of("quantity_unit." + c.amount().unit()));
    model.put("origin", c.origin());
    model.put("issuedOn", c.issuedOn().toString());
    model.put("issuer", c.issuer());
    model.put("contact", c.contact());
    model.put("lotCode", c.lotCode());
    model.put("buyer", c.buyer());
    model.put("commitment", Message.of(c.commitment()));
    model.put("basis", Message.of("certificate.basis." + c.basis().id()));
    model.put("status", batch.status().title());
    model.put("statusId", batch.status().id());
    // A hold, rejection or recall after issue is what a shopper must see first.
    model.put("alert", batch.status() == BatchStatus.RELEASED ? null
        : Message.of("certificate.page.status_changed", "statusName", batch.status().title()));
    List<Map<String, Object>> shown = new ArrayList<>();
    for (Certificates.BasisTest test : tests) {
      Map<String, Object> t = new HashMap<>();
      t.put("kind", Message.of(test.kind().equals("lab") ? "certificate.page.test_lab" : "certificate.page.test_rapid"));
      t.put("on", test.on().toString());
      t.put("lab", test.lab());
      t.put("reportNo", test.reportNo());
      t.put("judgement", test.judgement());
      shown.add(t);
    }
    model.put("tests", shown);
    return model;
  }

  /** What templates/certificate-sheet.svg draws: the QR code, the fields in both languages' labels, the commitment. */
  private Map<String, Object> sheet(Map<String, Object> model) {
    Map<String, Object> sheet = new HashMap<>(model);
    sheet.put("qr", CertificateSheet.qr((String) model.get("url")));
    sheet.put("fields", CertificateSheet.fields(List.of(
        field("certificate.svg.product", (String) model.get("productName")),
        field("certificate.svg.quantity", model.get("quantity") + " " + Messages.render((Message) model.get("unit"), Language.ZH)),
        field("certificate.svg.origin", (String) model.get("origin")),
        field("certificate.svg.issued_on", (String) model.get("issuedOn")),
        field("certificate.svg.issuer", (String) model.get("issuer")),
        field("certificate.svg.contact", (String) model.get("contact")),
        field("certificate.svg.basis", Messages.render((Message) model.get("basis"), Language.ZH)))));
    List<CertificateSheet.Line> foot = new ArrayList<>(CertificateSheet.foot(
        Messages.render((Message) model.get("commitment"), Language.ZH), 2.4, 58));
    double next = foot.get(foot.size() - 1).y() + 2.6;
    foot.addAll(CertificateSheet.foot(Messages.render((Message) model.get("commitment"), Language.EN), 1.7, next));
    sheet.put("foot", foot);
    return sheet;
  }

  private static String[] field(String code, String value) {
    return new String[] {Messages.render(Message.of(code), Language.ZH) + " " + Messages.render(Message.of(code), Language.EN),
        value == null ? "" : value};
  }
}
