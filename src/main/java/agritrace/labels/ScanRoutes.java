package agritrace.labels;

import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Caller;
import agritrace.http.Json;
import agritrace.http.Message;
import agritrace.photos.PhotoRoutes;
import agritrace.production.Batch;
import agritrace.production.Batches;
import agritrace.web.PublicUrl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/scan}: the text a phone's camera decoded (JSON {@code {"text"}}), or a photo
 * of a label (the phone's last way to scan) whose QR code is read on a worker thread; when the
 * text is one of our labels, the unit, case or lot it names. A label is known by the URL stored as
 * printed first (so labels printed under an earlier public address still scan), then by the path
 * forms under today's address, then as a typed code. Any logged-in user; of another producer's
 * label a producer's user learns only what its public page shows.
 */
public final class ScanRoutes {

  public static final String PATH = "/api/v1/scan";
  /** The longest text a scan looks up: more than any QR code of ours holds. */
  static final int MAX_TEXT = 2000;

  private final Pool pool;
  private final Supplier<PublicUrl> publicUrl;

  public ScanRoutes(Pool pool, Supplier<PublicUrl> publicUrl) {
    this.pool = pool;
    this.publicUrl = publicUrl;
  }

  public void mount(Router router) {
    router.post(PATH).handler(this::scan);
  }

  private void scan(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && type.toLowerCase().startsWith("application/json")) {
      String text = Json.body(ctx).text("text", MAX_TEXT);
      Caller caller = Auth.caller(ctx);
      label(text).compose(label -> answer(text, label, caller))
          .onSuccess(answer -> Json.send(ctx, 200, answer))
          .onFailure(ctx::fail);
      return;
    }
    PhotoRoutes.imageType(ctx);
    byte[] bytes = ctx.body().buffer().getBytes();
    Caller caller = Auth.caller(ctx);
    ctx.vertx().executeBlocking(() -> PhotoScan.read(bytes), false)
        .compose(text -> text == null
            ? Future.failedFuture(new ApiError(422, "no_code", Message.of("scan.no_code"), null))
            : label(text).compose(label -> answer(text, label, caller)))
        .onSuccess(answer -> Json.send(ctx, 200, answer))
        .onFailure(ctx::fail);
  }

  /** The unit, case or lot of ours the text is the address (or typed code) of; null for any other text. */
  private Future<PackingRuns.Label> label(String text) {
    String printed = text.split("[?#]", 2)[0];
    String candidate = codeIn(printed);
    Future<PackingRuns.Label> asPrinted = candidate == null ? Future.succeededFuture()
        : PackingRuns.label(pool, candidate).map(label -> label != null && printed.equals(label.url()) ? label : null);
    return asPrinted.compose(label -> label != null ? Future.succeededFuture(label) : byPath(text));
  }

  /** The code a URL of any host names as a label's: after {@code /t/}, or a Digital Link's serial. */
  private static String codeIn(String url) {
    int host = url.indexOf("://");
    int slash = host < 0 ? -1 : url.indexOf('/', host + 3);
    if (slash < 0) {
      return null;
    }
    String path = url.substring(slash);
    int t = path.lastIndexOf("/t/");
    int gs1 = path.indexOf("/01/");
    try {
      if (t >= 0) {
        return UnitCode.parse(path.substring(t + 3)).value();
      }
      return gs1 < 0 ? null : DigitalLink.parsePath(path.substring(gs1)).serial();
    } catch (ParseFailure notOurs) {
      return null;
    }
  }

  /** The path forms under today's public address, else the text as a code typed by hand. */
  private Future<PackingRuns.Label> byPath(String text) {
    String base = publicUrl.get().base();
    try {
      if (!text.startsWith(base + "/")) {
        return text.contains("/") ? Future.succeededFuture() : PackingRuns.label(pool, UnitCode.parse(text).value());
      }
      String path = text.substring(base.length()).split("[?#]", 2)[0];
      if (path.startsWith("/t/")) {
        return PackingRuns.label(pool, UnitCode.parse(path.substring(3)).value());
      }
      if (path.startsWith("/01/")) {
        return ResolverPages.find(pool, DigitalLink.parsePath(path));
      }
    } catch (ParseFailure notOurs) {
      return Future.succeededFuture();
    }
    return Future.succeededFuture();
  }

  private Future<JsonObject> answer(String text, PackingRuns.Label label, Caller caller) {
    JsonObject answer = new JsonObject().put("text", text).put("known", label != null);
    if (label == null) {
      return Future.succeededFuture(answer);
    }
    Future<List<String[]>> units = label.kind().equals("case") ? PackingRuns.unitsIn(pool, label.code())
        : Future.succeededFuture(null);
    return Future.all(Batches.find(pool, label.batchId()), units).map(all -> {
      Batch batch = all.resultAt(0);
      JsonObject unit = unit(label, batch, caller.canRead(batch.producerId()));
      List<String[]> inCase = all.resultAt(1);
      if (inCase != null) {
        // A case lists its units as its public page does.
        unit.put("units", new JsonArray(inCase.stream().map(u -> u[0]).toList()));
      }
      return answer.put("code", label.code()).put("unit", unit);
    });
  }

  /** What the public page shows of it; the batch's id too for a caller who may read the batch. */
  private static JsonObject unit(PackingRuns.Label label, Batch batch, boolean reader) {
    JsonObject unit = new JsonObject()
        .put("code", label.code())
        .put("kind", label.kind())
        .put("product", label.productName())
        .put("lot", label.lotCode())
        .put("status", batch.status().id())
        .put("producer", label.producerName());
    return reader ? unit.put("batchId", batch.id().toString()) : unit;
  }
}
