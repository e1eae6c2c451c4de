package agritrace.production;

import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Caller;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Photos as evidence on an operation: a JPEG or PNG of at most 5 MiB, sent as the raw body of a
 * PUT under an id the phone made (so a retried upload stores it once). The type is judged by the
 * bytes, never by a file name. Only the producer's users and inspectors may see a photo.
 */
public final class PhotoRoutes {

  public static final String PATH = "/api/v1/operations/:operationId/photos/:photoId";
  /** The photo paths, whose bodies may be larger than other requests' (see {@link #MAX_BYTES}). */
  public static final String PATH_PATTERN = "/api/v1/operations/[^/]+/photos/.*";
  public static final int MAX_BYTES = 5 * 1024 * 1024;

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private static final String OPERATION = "SELECT producer_id FROM operations WHERE id = $1";
  private static final String INSERT = """
      INSERT INTO photos (id, operation_id, producer_id, content_type, bytes, size, sha256, recorded_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING""";
  private static final String FIND = "SELECT operation_id, producer_id, content_type, bytes, sha256 FROM photos WHERE id = $1";

  private final Vertx vertx;
  private final Pool pool;

  public PhotoRoutes(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  public void mount(Router router) {
    router.put(PATH).handler(Auth.require(Role.PRODUCER_ADMIN, Role.RECORDER)).handler(this::upload);
    router.get(PATH).handler(this::download);
  }

  private void upload(RoutingContext ctx) {
    UUID operationId = Fields.pathId(ctx, "operationId", "operation");
    UUID photoId = Fields.pathId(ctx, "photoId", "photo");
    String declared = contentType(ctx);
    if (!declared.equals("image/jpeg") && !declared.equals("image/png")) {
      throw new ApiError(415, "unsupported_media_type", "send the photo's bytes as image/jpeg or image/png", null);
    }
    Buffer bytes = ctx.body().buffer();
    if (bytes == null || bytes.length() == 0) {
      throw ApiError.invalid("body", "the photo is empty");
    }
    String actual = sniff(bytes.getBytes(0, Math.min(8, bytes.length())));
    if (!declared.equals(actual)) {
      throw ApiError.invalid("body", "the file is not a " + (declared.equals("image/png") ? "PNG" : "JPEG")
          + " image, whatever its name says");
    }
    Caller caller = Auth.caller(ctx);
    pool.preparedQuery(OPERATION).execute(Tuple.of(operationId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("operation"));
          }
          if (!rows.iterator().next().getUUID("producer_id").equals(caller.producerId())) {
            return Future.failedFuture(ApiError.forbidden("this operation belongs to another producer"));
          }
          return vertx.executeBlocking(() -> HexFormat.of().formatHex(
              MessageDigest.getInstance("SHA-256").digest(bytes.getBytes())), false);
        })
        .compose(sha -> pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {photoId, operationId,
                caller.producerId(), actual, bytes, bytes.length(), sha, caller.id()}))
            .compose(inserted -> inserted.rowCount() == 1 ? Future.succeededFuture(201)
                : sameAsStored(photoId, operationId, sha)))
        .onSuccess(status -> Json.send(ctx, status, new JsonObject().put("id", photoId.toString())
            .put("operationId", operationId.toString()).put("contentType", actual).put("size", bytes.length())
            .put("status", status == 201 ? "created" : "duplicate")))
        .onFailure(ctx::fail);
  }

  /** A retried upload of the same photo is answered as before; another photo under a used id is a 409. */
  private Future<Integer> sameAsStored(UUID photoId, UUID operationId, String sha) {
    return pool.preparedQuery(FIND).execute(Tuple.of(photoId)).compose(rows -> {
      Row row = rows.iterator().next();
      return row.getUUID("operation_id").equals(operationId) && row.getString("sha256").equals(sha)
          ? Future.succeededFuture(200)
          : Future.failedFuture(ApiError.conflict("a different photo is already stored under this id", "photoId"));
    });
  }

  private void download(RoutingContext ctx) {
    UUID operationId = Fields.pathId(ctx, "operationId", "operation");
    UUID photoId = Fields.pathId(ctx, "photoId", "photo");
    Caller caller = Auth.caller(ctx);
    pool.preparedQuery(FIND).execute(Tuple.of(photoId))
        .compose(rows -> {
          Row row = rows.size() == 1 ? rows.iterator().next() : null;
          if (row == null || !row.getUUID("operation_id").equals(operationId)) {
            return Future.failedFuture(ApiError.notFound("photo"));
          }
          boolean allowed = caller.role() == Role.INSPECTOR || row.getUUID("producer_id").equals(caller.producerId());
          return allowed ? Future.succeededFuture(row)
              : Future.failedFuture(ApiError.forbidden("photos are shown only to the producer's users and inspectors"));
        })
        .onSuccess(row -> ctx.response()
            .putHeader("Content-Type", row.getString("content_type"))
            .putHeader("Cache-Control", "private, max-age=86400")
            .putHeader("X-Content-Type-Options", "nosniff")
            .end(row.getBuffer("bytes")))
        .onFailure(ctx::fail);
  }

  private static String contentType(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type == null ? "" : type.split(";")[0].strip().toLowerCase();
  }

  /** The image type the bytes begin with, or null. */
  static String sniff(byte[] head) {
    if (startsWith(head, PNG)) {
      return "image/png";
    }
    return startsWith(head, JPEG) ? "image/jpeg" : null;
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
}
