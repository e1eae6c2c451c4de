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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/scan}: a photo of a label (the phone's last way to scan), its QR code read
 * on a worker thread and, when it is one of our labels, the unit, case or lot it names. Any
 * logged-in user; of another producer's label a producer's user learns only what its public page
 * shows.
 */
public final class ScanRoutes {

  public static final String PATH = "/api/v1/scan";

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

  /** The unit, case or lot of ours the text is the address of; null for any other text. */
  private Future<PackingRuns.Label> label(String text) {
    String base = publicUrl.get().base();
    if (!text.startsWith(base + "/")) {
      return Future.succeededFuture();
    }
    String path = text.substring(base.length()).split("[?#]", 2)[0];
    try {
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
    return Batches.find(pool, label.batchId()).map(batch -> answer.put("code", label.code())
        .put("unit", unit(label, batch, caller.canRead(batch.producerId()))));
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
