package agritrace.photos;

import agritrace.http.ApiError;
import agritrace.http.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * The photos table, which nothing else reads or writes: photos are stored once under the id the
 * phone made, never changed, and listed for the records they are attached to.
 */
public final class Photos {

  private static final String INSERT = """
      INSERT INTO photos (id, record_kind, record_id, producer_id, content_type, bytes, size, sha256, recorded_by, item_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING""";
  private static final String SAME = """
      SELECT record_kind = $2 AND record_id = $3 AND sha256 = $4 AND item_id IS NOT DISTINCT FROM $5
      FROM photos WHERE id = $1""";
  private static final String FIND =
      "SELECT producer_id, content_type, bytes FROM photos WHERE id = $1 AND record_kind = $2 AND record_id = $3";
  private static final String OF_RECORDS = """
      SELECT id, record_id, item_id, content_type, size, received_at FROM photos
      WHERE record_kind = $1 AND record_id = ANY($2) ORDER BY received_at, id""";

  private final Pool pool;

  public Photos(Pool pool) {
    this.pool = pool;
  }

  /** A photo as uploaded, with the SHA-256 of its bytes in hex. */
  record Upload(UUID id, String kind, UUID recordId, String item, UUID producerId, UUID recordedBy, String contentType,
      Buffer bytes, String sha256) {
  }

  /** A stored photo as it is shown. */
  record Image(UUID producerId, String contentType, Buffer bytes) {
  }

  /**
   * Stores a photo: true when stored now, false when this very photo was stored under its id
   * before (a retried upload); a 409 when another photo or record already has the id.
   */
  Future<Boolean> store(Upload photo) {
    return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {photo.id(), photo.kind(), photo.recordId(),
            photo.producerId(), photo.contentType(), photo.bytes(), photo.bytes().length(), photo.sha256(),
            photo.recordedBy(), photo.item()}))
        .compose(inserted -> inserted.rowCount() == 1 ? Future.succeededFuture(true)
            : pool.preparedQuery(SAME).execute(Tuple.of(photo.id(), photo.kind(), photo.recordId(), photo.sha256(),
                    photo.item()))
                .compose(rows -> rows.iterator().next().getBoolean(0) ? Future.succeededFuture(false)
                    : Future.failedFuture(ApiError.conflict("photoId", "photos.id_taken"))));
  }

  /** The photo with this id attached to this record, or null. */
  Future<Image> find(String kind, UUID recordId, UUID photoId) {
    return pool.preparedQuery(FIND).execute(Tuple.of(photoId, kind, recordId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Image(row.getUUID("producer_id"), row.getString("content_type"), row.getBuffer("bytes"));
    });
  }

  /**
   * The photos attached to any of these records of one kind, oldest first, as a record's detail
   * answer shows them: {@code {id, {kind}Id, contentType, size, receivedAt}}, and {@code item} when
   * the photo names the item it shows.
   */
  public Future<JsonArray> of(String kind, List<UUID> recordIds) {
    return pool.preparedQuery(OF_RECORDS).execute(Tuple.of(kind, (Object) recordIds.toArray(UUID[]::new))).map(rows -> {
      JsonArray photos = new JsonArray();
      rows.forEach(row -> {
        JsonObject photo = new JsonObject()
            .put("id", row.getUUID("id").toString())
            .put(recordKey(kind), row.getUUID("record_id").toString())
            .put("contentType", row.getString("content_type"))
            .put("size", row.getInteger("size"))
            .put("receivedAt", Json.time(row.getOffsetDateTime("received_at")));
        if (row.getString("item_id") != null) {
          photo.put("item", row.getString("item_id"));
        }
        photos.add(photo);
      });
      return photos;
    });
  }

  /** The key naming the record a photo is attached to in answers, e.g. {@code operationId}. */
  static String recordKey(String kind) {
    return kind + "Id";
  }
}
