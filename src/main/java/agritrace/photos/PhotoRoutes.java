package agritrace.photos;

import agritrace.http.Access;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Caller;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Message;
import agritrace.http.Role;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Photos as evidence on the records of every registered kind: a JPEG or PNG of at most 5 MiB,
 * sent as the raw body of a PUT under an id the phone made (so a retried upload stores it once).
 * Who may attach is checked before the body is looked at; the type is judged by the bytes, never
 * by a file name. A photo of a kind with items may name the item it shows ({@code ?item=}). Only the
 * producer's users and inspectors may see a photo.
 */
public final class PhotoRoutes {

  public static final int MAX_BYTES = 5 * 1024 * 1024;
  private static final int MAX_ITEM = 40;

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] EOI = {(byte) 0xFF, (byte) 0xD9};
  private static final byte[] IEND = {'I', 'E', 'N', 'D'};

  private final Photos photos;
  private final List<Attachable> kinds;

  public PhotoRoutes(Pool pool, List<Attachable> kinds) {
    this.photos = new Photos(pool);
    this.kinds = List.copyOf(kinds);
  }

  /** A regular expression matching every photo path, whose bodies may be up to {@link #MAX_BYTES}. */
  public String paths() {
    return kinds.stream().map(kind -> Pattern.quote(kind.segment()))
        .collect(Collectors.joining("|", "/api/v1/(?:", ")/[^/]+/photos/[^/]*"));
  }

  public void mount(Router router) {
    for (Attachable kind : kinds) {
      String path = "/api/v1/" + kind.segment() + "/:recordId/photos/:photoId";
      Set<Role> roles = new HashSet<>(kind.uploaders());
      if (kind.inspected() != null) {
        roles.add(Role.INSPECTOR);
      }
      // Auth.require takes a first role and the rest: naming the first twice changes nothing.
      Role[] uploaders = roles.toArray(Role[]::new);
      router.put(path)
          .handler(Auth.require(uploaders[0], uploaders))
          .handler(uploader(kind))
          .handler(ctx -> upload(ctx, kind));
      router.get(path).handler(ctx -> show(ctx, kind));
    }
  }

  /**
   * Who may attach to a record: its producer's users; for a kind inspectors make too, an
   * inspector, to a record an inspector made. Decided before the body is looked at.
   */
  private static Handler<RoutingContext> uploader(Attachable kind) {
    Handler<RoutingContext> own = Access.record("recordId", kind.kind(), Access.Right.RECORD, kind.owner());
    if (kind.inspected() == null) {
      return own;
    }
    Handler<RoutingContext> inspected = Access.record("recordId", kind.kind(), Access.Right.READ, kind.inspected());
    return ctx -> (Auth.caller(ctx).role() == Role.INSPECTOR ? inspected : own).handle(ctx);
  }

  private void upload(RoutingContext ctx, Attachable kind) {
    UUID recordId = Fields.pathId(ctx, "recordId", kind.kind());
    UUID photoId = Fields.pathId(ctx, "photoId", "photo");
    String item = Fields.queryText(ctx, "item");
    if (item != null && (kind.items() == null || item.isBlank() || item.length() > MAX_ITEM)) {
      throw ApiError.invalid("item", kind.items() == null ? "photos.no_items" : "photos.unknown_item", "item", item);
    }
    String type = imageType(ctx);
    Buffer bytes = ctx.body().buffer();
    Caller caller = Auth.caller(ctx);
    Future<Boolean> known = item == null ? Future.succeededFuture(true) : kind.items().has(recordId, item);
    known.compose(has -> has ? ctx.vertx().executeBlocking(() -> HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(bytes.getBytes())), false)
            : Future.failedFuture(ApiError.invalid("item", "photos.unknown_item", "item", item)))
        .compose(sha -> photos.store(new Photos.Upload(photoId, kind.kind(), recordId, item, Access.producerId(ctx),
            caller.id(), type, bytes, sha)))
        .onSuccess(created -> {
          JsonObject receipt = new JsonObject()
              .put("id", photoId.toString())
              .put(Photos.recordKey(kind.kind()), recordId.toString())
              .put("contentType", type)
              .put("size", bytes.length())
              .put("status", created ? "created" : "duplicate");
          Json.send(ctx, created ? 201 : 200, item == null ? receipt : receipt.put("item", item));
        })
        .onFailure(ctx::fail);
  }

  /**
   * The declared image type, once the body's first bytes show that it is one: a 415 for a type
   * other than JPEG or PNG, a 400 for an empty body or bytes that are not the declared type.
   */
  public static String imageType(RoutingContext ctx) {
    String header = ctx.request().getHeader("Content-Type");
    String declared = header == null ? "" : header.split(";")[0].strip().toLowerCase();
    if (!declared.equals("image/jpeg") && !declared.equals("image/png")) {
      throw new ApiError(415, "unsupported_media_type", Message.of("photos.jpeg_or_png"), null);
    }
    Buffer bytes = ctx.body().buffer();
    if (bytes == null || bytes.length() == 0) {
      throw ApiError.invalid("body", "photos.empty");
    }
    byte[] head = bytes.getBytes(0, Math.min(PNG.length, bytes.length()));
    if (!startsWith(head, declared.equals("image/png") ? PNG : JPEG)) {
      throw ApiError.invalid("body", "photos.not_that_image", "type", declared.equals("image/png") ? "PNG" : "JPEG");
    }
    if (!whole(bytes, declared.equals("image/png") ? IEND : EOI)) {
      throw ApiError.invalid("body", "photos.cut_short");
    }
    return declared;
  }

  /**
   * Whether the image has its end: a JPEG's end-of-image marker, a PNG's IEND chunk. Searched from
   * the end, where it is unless a camera wrote more after it; an upload cut short has none.
   */
  private static boolean whole(Buffer bytes, byte[] end) {
    for (int at = bytes.length() - end.length; at >= 2; at--) {
      int i = 0;
      while (i < end.length && bytes.getByte(at + i) == end[i]) {
        i++;
      }
      if (i == end.length) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] data, byte[] magic) {
    if (data.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (data[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private void show(RoutingContext ctx, Attachable kind) {
    UUID recordId = Fields.pathId(ctx, "recordId", kind.kind());
    UUID photoId = Fields.pathId(ctx, "photoId", "photo");
    Caller caller = Auth.caller(ctx);
    photos.find(kind.kind(), recordId, photoId)
        .compose(image -> {
          if (image == null) {
            return Future.failedFuture(ApiError.notFound("photo"));
          }
          boolean allowed = caller.role() == Role.INSPECTOR || image.producerId().equals(caller.producerId());
          return allowed ? Future.succeededFuture(image) : Future.failedFuture(ApiError.forbidden("photos.viewers_only"));
        })
        .onSuccess(image -> ctx.response()
            .putHeader("Content-Type", image.contentType())
            .putHeader("Cache-Control", "private, max-age=86400")
            .end(image.bytes()))
        .onFailure(ctx::fail);
  }
}
