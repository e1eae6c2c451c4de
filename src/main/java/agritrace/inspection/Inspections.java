package agritrace.inspection;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The owner of the inspection tables: inspections and their answers are appended, never changed. */
public final class Inspections {

  /** How many inspections the 五有 profile shows. */
  static final int PROFILE_LATEST = 3;

  private static final String INSERT = """
      INSERT INTO inspections (id, producer_id, template_id, visited_at, note, corrects, correction_reason, content,
        inspector_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9)""";
  private static final String INSERT_ANSWERS = """
      INSERT INTO inspection_answers (inspection_id, position, item_id, answer, note)
      SELECT $1, p, item, answer, note FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS a (p, item, answer, note)""";
  private static final String EXISTING = "SELECT producer_id, content FROM inspections WHERE id = $1";
  private static final String CORRECTED = """
      SELECT producer_id, EXISTS (SELECT 1 FROM inspections c WHERE c.corrects = i.id) AS corrected
      FROM inspections i WHERE id = $1""";
  private static final String OWNER = "SELECT producer_id FROM inspections WHERE id = $1";
  private static final String HAS_ITEM = """
      SELECT EXISTS (SELECT 1 FROM inspection_answers WHERE inspection_id = $1 AND item_id = $2)""";
  private static final String BY_ID = "SELECT " + Inspection.COLUMNS + Inspection.FROM + " WHERE i.id = $1";
  private static final String OF_PRODUCER = "SELECT " + Inspection.COLUMNS + Inspection.FROM
      + " WHERE i.producer_id = $1 ORDER BY i.visited_at DESC, i.seq DESC LIMIT $2 OFFSET $3";
  /** The latest visits as they now stand: an inspection a later one corrects is left out. */
  private static final String LATEST = "SELECT " + Inspection.COLUMNS + ", count(*) OVER () AS standing"
      + Inspection.FROM + " WHERE i.producer_id = $1 AND NOT EXISTS (SELECT 1 FROM inspections c WHERE c.corrects = i.id)"
      + " ORDER BY i.visited_at DESC, i.seq DESC LIMIT $2";

  private final Pool pool;

  public Inspections(Pool pool) {
    this.pool = pool;
  }

  /** An inspection stored before under an id: its producer and the body it was sent with. */
  record Existing(UUID producerId, JsonObject content) {
  }

  static Future<Existing> existing(SqlClient client, UUID id) {
    return client.preparedQuery(EXISTING).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null
        : new Existing(rows.iterator().next().getUUID("producer_id"), rows.iterator().next().getJsonObject("content")));
  }

  /** An inspection a correction names: its producer and whether it was corrected already; null when there is none. */
  record Corrected(UUID producerId, boolean corrected) {
  }

  static Future<Corrected> corrected(SqlClient client, UUID id) {
    return client.preparedQuery(CORRECTED).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Corrected(row.getUUID("producer_id"), row.getBoolean("corrected"));
    });
  }

  static Future<Void> record(SqlClient tx, NewInspection inspection, UUID producerId, UUID inspectorId) {
    List<NewInspection.Answer> answers = inspection.answers();
    return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {inspection.id(), producerId,
            inspection.templateId(), inspection.visitedAt(), inspection.note(), inspection.corrects(),
            inspection.correctionReason(), inspection.content().encode(), inspectorId}))
        .compose(done -> tx.preparedQuery(INSERT_ANSWERS).execute(Tuple.of(inspection.id(),
            answers.stream().map(NewInspection.Answer::position).toArray(Integer[]::new),
            answers.stream().map(NewInspection.Answer::item).toArray(String[]::new),
            answers.stream().map(NewInspection.Answer::answer).toArray(String[]::new),
            answers.stream().map(NewInspection.Answer::note).toArray(String[]::new))))
        .mapEmpty();
  }

  static Future<Inspection> find(SqlClient client, UUID id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : Inspection.from(rows.iterator().next()));
  }

  /** The producer's inspections, latest visit first, corrected ones too (each naming its correction). */
  static Future<List<Inspection>> ofProducer(SqlClient client, UUID producerId, int limit, int offset) {
    return client.preparedQuery(OF_PRODUCER).execute(Tuple.of(producerId, limit, offset)).map(rows -> {
      List<Inspection> found = new ArrayList<>();
      rows.forEach(row -> found.add(Inspection.from(row)));
      return found;
    });
  }

  /** Whose inspection this is: its producer's id, or null when there is none. */
  public Future<UUID> owner(UUID id) {
    return pool.preparedQuery(OWNER).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("producer_id"));
  }

  /** Whether the inspection answered an item of this id (a photo may name only such an item). */
  public Future<Boolean> hasItem(UUID id, String item) {
    return pool.preparedQuery(HAS_ITEM).execute(Tuple.of(id, item)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  /**
   * The block of the 五有 profile: how many inspections of the producer stand (not corrected),
   * and the latest of them as summaries.
   */
  public Future<JsonObject> profile(UUID producerId) {
    return pool.preparedQuery(LATEST).execute(Tuple.of(producerId, PROFILE_LATEST)).map(rows -> {
      JsonArray latest = new JsonArray();
      long standing = 0;
      for (Row row : rows) {
        standing = row.getLong("standing");
        latest.add(Inspection.from(row).summary());
      }
      return new JsonObject().put("count", standing).put("latest", latest);
    });
  }
}
