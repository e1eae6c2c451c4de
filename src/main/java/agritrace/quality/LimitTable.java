package agritrace.quality;

import agritrace.db.Ids;
import agritrace.http.Json;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.UUID;

/** The SQL of the residue limits' versions: storing an import whole, reading versions and limits. */
final class LimitTable {

  /** Imports take their number one at a time; readers are not held up. */
  private static final String SERIALIZE = "LOCK TABLE mrl_versions IN SHARE ROW EXCLUSIVE MODE";
  private static final String NEW_VERSION = """
      INSERT INTO mrl_versions (id, number, standards, row_count, imported_by)
      SELECT $1, COALESCE(max(number), 0) + 1, $2, $3, $4 FROM mrl_versions
      RETURNING number""";
  private static final String INSERT = """
      INSERT INTO mrls (version_id, line, analyte_zh, analyte_en, cas, commodity_code, limit_mg_kg, standard)
      SELECT $1, f.line, f.zh, f.en, f.cas, f.commodity, f.limit_text::numeric, f.standard
      FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
        AS f (line, zh, en, cas, commodity, limit_text, standard)""";
  private static final String VERSION_COLUMNS = """
      v.id, v.number, v.standards, v.row_count, v.imported_at, v.imported_by, u.username AS imported_by_name,
      v.number = (SELECT max(number) FROM mrl_versions) AS in_force""";
  private static final String VERSIONS = "SELECT " + VERSION_COLUMNS
      + " FROM mrl_versions v JOIN users u ON u.id = v.imported_by ORDER BY v.number DESC LIMIT $1 OFFSET $2";
  /** The version numbered $1, or the one in force when $1 is null. */
  private static final String VERSION = "SELECT " + VERSION_COLUMNS
      + " FROM mrl_versions v JOIN users u ON u.id = v.imported_by"
      + " WHERE $1::int IS NULL OR v.number = $1 ORDER BY v.number DESC LIMIT 1";
  /** $2 matches the analyte's names or CAS anywhere (ILIKE), $3 a commodity's code or either name exactly. */
  private static final String SEARCH = """
      SELECT m.line, m.analyte_zh, m.analyte_en, m.cas, m.limit_mg_kg::text AS limit_text, m.standard,
             c.code, c.name_zh, c.name_en
      FROM mrls m JOIN commodities c ON c.code = m.commodity_code
      WHERE m.version_id = $1
        AND ($2::text IS NULL OR m.analyte_zh ILIKE $2 OR m.analyte_en ILIKE $2 OR m.cas ILIKE $2)
        AND ($3::text IS NULL OR c.code = $3 OR c.name_zh = $3 OR lower(c.name_en) = lower($3))
      ORDER BY m.analyte_zh, c.code LIMIT $4 OFFSET $5""";

  private final Pool pool;

  LimitTable(Pool pool) {
    this.pool = pool;
  }

  /** Stores a checked file as the next version, all of it or (on any failure) none of it. */
  Future<JsonObject> store(LimitFile.Parsed file, UUID by) {
    UUID id = Ids.timeOrdered();
    return pool.withTransaction(tx -> tx.query(SERIALIZE).execute()
        .compose(locked -> tx.preparedQuery(NEW_VERSION)
            .execute(Tuple.of(id, file.standards().toArray(String[]::new), file.size(), by)))
        .compose(version -> tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id, file.lines(), file.analyteZh(),
                file.analyteEn(), file.cas(), file.commodity(), file.limit(), file.standard()}))
            .compose(done -> tx.preparedQuery(VERSION).execute(Tuple.of(version.iterator().next().getInteger("number"))))
            .map(rows -> version(rows.iterator().next()))));
  }

  Future<JsonArray> versions(int limit, int offset) {
    return pool.preparedQuery(VERSIONS).execute(Tuple.of(limit, offset)).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(version(row)));
      return items;
    });
  }

  /** The version numbered {@code number}, or the one in force when it is null; null when there is none. */
  Future<JsonObject> version(Integer number) {
    return pool.preparedQuery(VERSION).execute(Tuple.of(number))
        .map(rows -> rows.size() == 0 ? null : version(rows.iterator().next()));
  }

  Future<JsonArray> search(SqlClient client, UUID version, String analyte, String commodity, int limit, int offset) {
    return client.preparedQuery(SEARCH).execute(Tuple.of(version, analyte, commodity, limit, offset)).map(rows -> {
      JsonArray items = new JsonArray();
      for (Row row : rows) {
        items.add(new JsonObject()
            .put("analyteZh", row.getString("analyte_zh"))
            .put("analyteEn", row.getString("analyte_en"))
            .put("cas", row.getString("cas"))
            .put("commodity", new JsonObject().put("code", row.getString("code"))
                .put("nameZh", row.getString("name_zh")).put("nameEn", row.getString("name_en")))
            .put("limitMgPerKg", new BigDecimal(row.getString("limit_text")))
            .put("standard", row.getString("standard"))
            .put("line", row.getInteger("line")));
      }
      return items;
    });
  }

  private static JsonObject version(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("number", row.getInteger("number"))
        .put("standards", new JsonArray(java.util.Arrays.asList(row.getArrayOfStrings("standards"))))
        .put("rowCount", row.getInteger("row_count"))
        .put("importedAt", Json.time(row.getOffsetDateTime("imported_at")))
        .put("importedBy", new JsonObject().put("id", row.getUUID("imported_by").toString())
            .put("username", row.getString("imported_by_name")))
        .put("inForce", row.getBoolean("in_force"));
  }
}
