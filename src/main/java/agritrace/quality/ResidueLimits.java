package agritrace.quality;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/**
 * The maximum residue limit a judgement compares a measured value with, from the limits in force
 * (the latest imported version). A limit named for the commodity itself comes first, then the
 * nearest group up the catalogue (叶菜类 for 青菜 when no limit names 青菜); none when no limit on
 * file covers it, which a judgement reports as "no limit on file", never as a pass.
 */
public final class ResidueLimits {

  /** The analyte by its Chinese or English name or CAS number; the commodity and its groups, nearest first. */
  private static final String FIND = """
      WITH RECURSIVE up (code, parent_code, depth) AS (
        SELECT code, parent_code, 0 FROM commodities WHERE code = $2
        UNION ALL
        SELECT c.code, c.parent_code, up.depth + 1 FROM commodities c JOIN up ON c.code = up.parent_code
        WHERE up.depth < 32
      ), in_force AS (SELECT id, number FROM mrl_versions ORDER BY number DESC LIMIT 1)
      SELECT m.analyte_zh, m.analyte_en, m.cas, m.commodity_code, m.limit_mg_kg::text AS limit_text, m.standard,
             in_force.id AS version_id, in_force.number AS version_number
      FROM in_force JOIN mrls m ON m.version_id = in_force.id JOIN up ON up.code = m.commodity_code
      WHERE m.analyte_zh = $1 OR lower(m.analyte_en) = lower($1) OR m.cas = $1
      ORDER BY up.depth LIMIT 1""";

  /** Whether any limit in force names the analyte, for any commodity. */
  private static final String KNOWN = """
      SELECT 1 FROM mrls m WHERE m.version_id = (SELECT id FROM mrl_versions ORDER BY number DESC LIMIT 1)
      AND (m.analyte_zh = $1 OR lower(m.analyte_en) = lower($1) OR m.cas = $1) LIMIT 1""";

  private ResidueLimits() {
  }

  /**
   * A limit on file, kept whole by the judgement that used it.
   *
   * @param mgPerKg the limit in mg/kg, exact as imported; a measured value equal to it is within it
   * @param commodityCode the commodity or group the limit was found for
   * @param versionId the version of the limits it comes from
   */
  public record Limit(String analyteZh, String analyteEn, String cas, BigDecimal mgPerKg, String commodityCode,
                      String standard, UUID versionId, int versionNumber) {

    static Limit from(Row row) {
      return new Limit(row.getString("analyte_zh"), row.getString("analyte_en"), row.getString("cas"),
          new BigDecimal(row.getString("limit_text")), row.getString("commodity_code"), row.getString("standard"),
          row.getUUID("version_id"), row.getInteger("version_number"));
    }
  }

  /**
   * The limit in force for {@code analyte} (Chinese name, English name or CAS number) on the
   * commodity {@code commodityCode} or the nearest group above it; none when there is none.
   */
  public static Future<Optional<Limit>> find(SqlClient client, String analyte, String commodityCode) {
    if (analyte == null || analyte.isBlank() || commodityCode == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return client.preparedQuery(FIND).execute(Tuple.of(analyte.strip(), commodityCode))
        .map(rows -> rows.size() == 0 ? Optional.<Limit>empty() : Optional.of(Limit.from(rows.iterator().next())));
  }

  /** Whether the limits in force know the analyte at all (by any of its names or its CAS number). */
  public static Future<Boolean> known(SqlClient client, String analyte) {
    return client.preparedQuery(KNOWN).execute(Tuple.of(analyte.strip())).map(rows -> rows.size() > 0);
  }
}
