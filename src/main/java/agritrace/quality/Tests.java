package agritrace.quality;

import agritrace.http.Access;
import agritrace.http.ApiError;
import agritrace.http.Json;
import agritrace.http.Message;
import agritrace.http.Messages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The owner of the quality test tables: tests are appended, never changed; read oldest first. */
final class Tests {

  private static final String INSERT = """
      INSERT INTO quality_tests (id, batch_id, producer_id, kind, official, tested_at, sample, notes, method,
        inhibition_rate, tester, lab, report_no, reported_on, commodity_code, result, effect, message, effect_message,
        content, recorded_by, corrects, correction_reason)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::text::jsonb, $19::text::jsonb,
        $20::text::jsonb, $21, $22, $23)""";
  private static final String INSERT_ANALYTES = """
      INSERT INTO quality_test_analytes (test_id, position, analyte, value, unit, value_mg_kg, result, limit_mg_kg,
        limit_commodity, standard, mrl_version_id, mrl_version)
      SELECT $1, p, analyte, value, unit, mg_kg, result, lim::numeric, commodity, standard, version_id::uuid, version::int
      FROM unnest($2::int[], $3::text[], $4::numeric[], $5::text[], $6::numeric[], $7::text[],
        $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
        AS a (p, analyte, value, unit, mg_kg, result, lim, commodity, standard, version_id, version)""";
  private static final String OWNER = "SELECT producer_id, official FROM quality_tests WHERE id = $1";
  private static final String EXISTING = "SELECT batch_id, content FROM quality_tests WHERE id = $1";
  /** The results of a batch's tests after the one that last held it, leaving out tests since corrected. */
  private static final String SINCE_HOLD = """
      SELECT result FROM quality_tests t WHERE batch_id = $1
      AND seq > coalesce((SELECT max(seq) FROM quality_tests WHERE batch_id = $1 AND effect = 'held'), 0)
      AND NOT EXISTS (SELECT 1 FROM quality_tests c WHERE c.corrects = t.id) ORDER BY seq""";
  private static final String CORRECTED = """
      SELECT batch_id, kind, official, EXISTS (SELECT 1 FROM quality_tests c WHERE c.corrects = t.id) AS corrected
      FROM quality_tests t WHERE id = $1""";
  private static final String SELECT = """
      SELECT t.*, u.name AS by_name, u.role AS by_role,
        (SELECT c.id FROM quality_tests c WHERE c.corrects = t.id) AS corrected_by,
        (SELECT coalesce(jsonb_agg(to_jsonb(a) ORDER BY a.position), '[]'::jsonb) FROM quality_test_analytes a
         WHERE a.test_id = t.id) AS analytes
      FROM quality_tests t JOIN users u ON u.id = t.recorded_by""";
  private static final String OF_BATCH = SELECT + " WHERE t.batch_id = $1 ORDER BY t.seq";
  private static final String BY_ID = SELECT + " WHERE t.id = $1";

  private Tests() {
  }

  /** The producer of a test, or null when there is none. */
  static Access.Owner owner(SqlClient client) {
    return id -> client.preparedQuery(OWNER).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("producer_id"));
  }

  /** The producer of an official test; null when there is no such test, a 403 for a producer's own. */
  static Access.Owner official(SqlClient client) {
    return id -> client.preparedQuery(OWNER).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Row row = rows.iterator().next();
      return row.getBoolean("official") ? Future.succeededFuture(row.getUUID("producer_id"))
          : Future.failedFuture(ApiError.forbidden("quality.photo_official_only"));
    });
  }

  /** A test stored before under an id: its batch and the body it was sent with. */
  record Existing(UUID batchId, JsonObject content) {
  }

  static Future<Existing> existing(SqlClient client, UUID id) {
    return client.preparedQuery(EXISTING).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null
        : new Existing(rows.iterator().next().getUUID("batch_id"), rows.iterator().next().getJsonObject("content")));
  }

  /** A test a correction names: its batch, kind, whether it is official and whether it was corrected already. */
  record Corrected(UUID batchId, String kind, boolean official, boolean corrected) {
  }

  static Future<Corrected> corrected(SqlClient client, UUID id) {
    return client.preparedQuery(CORRECTED).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Corrected(row.getUUID("batch_id"), row.getString("kind"), row.getBoolean("official"),
          row.getBoolean("corrected"));
    });
  }

  static Future<List<Judgement.Result>> sinceHold(SqlClient client, UUID batchId) {
    return client.preparedQuery(SINCE_HOLD).execute(Tuple.of(batchId)).map(rows -> {
      List<Judgement.Result> results = new ArrayList<>();
      rows.forEach(row -> results.add(Judgement.Result.valueOf(row.getString("result").toUpperCase())));
      return results;
    });
  }

  /** Appends the test and its analytes. */
  static Future<Void> record(SqlClient tx, NewTest test, UUID batchId, UUID producerId, boolean official,
      String commodity, Judgement.Result result, Message judged, Judgement.Decision decision, List<Analyte> analytes,
      UUID by) {
    Tuple row = Tuple.tuple().addUUID(test.id()).addUUID(batchId).addUUID(producerId).addString(test.kind())
        .addBoolean(official).addOffsetDateTime(test.testedAt()).addString(test.sample()).addString(test.notes())
        .addString(test.method()).addBigDecimal(test.inhibitionRate()).addString(test.tester()).addString(test.lab())
        .addString(test.reportNo()).addLocalDate(test.reportedOn()).addString(commodity).addString(result.id())
        .addString(decision.effect().id()).addString(judged.toJson().encode())
        .addString(decision.said().toJson().encode()).addString(test.content().encode()).addUUID(by)
        .addUUID(test.corrects()).addString(test.correctionReason());
    Future<?> stored = tx.preparedQuery(INSERT).execute(row);
    if (analytes.isEmpty()) {
      return stored.mapEmpty();
    }
    return stored.compose(done -> tx.preparedQuery(INSERT_ANALYTES).execute(Tuple.tuple().addUUID(test.id())
        .addArrayOfInteger(analytes.stream().map(Analyte::position).toArray(Integer[]::new))
        .addArrayOfString(analytes.stream().map(Analyte::name).toArray(String[]::new))
        .addArrayOfBigDecimal(analytes.stream().map(Analyte::value).toArray(BigDecimal[]::new))
        .addArrayOfString(analytes.stream().map(Analyte::unit).toArray(String[]::new))
        .addArrayOfBigDecimal(analytes.stream().map(Analyte::mgPerKg).toArray(BigDecimal[]::new))
        .addArrayOfString(analytes.stream().map(Analyte::result).toArray(String[]::new))
        // The driver's arrays of numbers and ids hold no nulls: what a missing limit leaves out goes as text.
        .addArrayOfString(analytes.stream().map(a -> a.limit() == null ? null : a.limit().mgPerKg().toPlainString()).toArray(String[]::new))
        .addArrayOfString(analytes.stream().map(a -> a.limit() == null ? null : a.limit().commodityCode()).toArray(String[]::new))
        .addArrayOfString(analytes.stream().map(a -> a.limit() == null ? null : a.limit().standard()).toArray(String[]::new))
        .addArrayOfString(analytes.stream().map(a -> a.limit() == null ? null : a.limit().versionId().toString()).toArray(String[]::new))
        .addArrayOfString(analytes.stream().map(a -> a.limit() == null ? null : String.valueOf(a.limit().versionNumber())).toArray(String[]::new))))
        .mapEmpty();
  }

  /** A batch's tests, oldest first, as the API shows them. */
  static Future<JsonArray> ofBatch(SqlClient client, UUID batchId, Messages.Language language) {
    return client.preparedQuery(OF_BATCH).execute(Tuple.of(batchId)).map(rows -> {
      JsonArray tests = new JsonArray();
      rows.forEach(row -> tests.add(toJson(row, language)));
      return tests;
    });
  }

  static Future<JsonObject> find(SqlClient client, UUID id, Messages.Language language) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> toJson(rows.iterator().next(), language));
  }

  private static JsonObject toJson(Row row, Messages.Language language) {
    JsonArray analytes = new JsonArray();
    for (Object item : row.getJsonArray("analytes")) {
      JsonObject a = (JsonObject) item;
      analytes.add(new JsonObject().put("analyte", a.getString("analyte")).put("value", a.getValue("value"))
          .put("unit", a.getString("unit")).put("valueMgPerKg", a.getValue("value_mg_kg"))
          .put("result", a.getString("result"))
          .put("limit", a.getValue("limit_mg_kg") == null ? null : new JsonObject()
              .put("mgPerKg", a.getValue("limit_mg_kg")).put("commodity", a.getString("limit_commodity"))
              .put("standard", a.getString("standard")).put("versionId", a.getString("mrl_version_id"))
              .put("version", a.getInteger("mrl_version"))));
    }
    JsonObject json = new JsonObject().put("id", row.getUUID("id").toString())
        .put("batchId", row.getUUID("batch_id").toString())
        .put("kind", row.getString("kind"))
        .put("official", row.getBoolean("official"))
        .put("testedAt", Json.time(row.getOffsetDateTime("tested_at")))
        .put("sample", row.getString("sample"))
        .put("notes", row.getString("notes"))
        .put("result", row.getString("result"))
        .put("judgement", Messages.toJson(Message.fromJson(row.getJsonObject("message")), language))
        .put("effect", row.getString("effect"))
        .put("effectMessage", Messages.toJson(Message.fromJson(row.getJsonObject("effect_message")), language))
        .put("recordedBy", new JsonObject().put("id", row.getUUID("recorded_by").toString())
            .put("name", row.getString("by_name")).put("role", row.getString("by_role")))
        .put("recordedAt", Json.time(row.getOffsetDateTime("recorded_at")))
        .put("corrects", text(row.getUUID("corrects")))
        .put("correctionReason", row.getString("correction_reason"))
        .put("correctedBy", text(row.getUUID("corrected_by")));
    if (row.getString("kind").equals("rapid")) {
      json.put("method", row.getString("method")).put("inhibitionRate", row.getBigDecimal("inhibition_rate").doubleValue())
          .put("tester", row.getString("tester"));
    } else {
      json.put("lab", row.getString("lab")).put("reportNo", row.getString("report_no"))
          .put("reportedOn", row.getLocalDate("reported_on").toString())
          .put("commodity", row.getString("commodity_code")).put("analytes", analytes);
    }
    return json;
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }
}
