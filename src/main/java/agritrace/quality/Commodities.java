package agritrace.quality;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commodity catalogue as other features read it: which commodity a grower's free-text crop
 * name means. The catalogue itself is loaded by platform admins ({@link ReferenceRoutes}).
 */
public final class Commodities {

  private static final String MATCH = "SELECT " + Commodity.COLUMNS + " FROM commodities " + matching("$1");
  private static final String BY_CODE = "SELECT " + Commodity.COLUMNS + " FROM commodities WHERE code = $1";
  private static final String ALL = "SELECT " + Commodity.COLUMNS + " FROM commodities";
  /** A search by code, name or alias anywhere in them ($1, an ILIKE pattern), or every commodity. */
  private static final String LIST = "SELECT " + Commodity.COLUMNS + " FROM commodities"
      + " WHERE $1::text IS NULL OR code ILIKE $1 OR name_zh ILIKE $1 OR name_en ILIKE $1"
      + " OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE a ILIKE $1)"
      + " ORDER BY code LIMIT $2 OFFSET $3";
  /** A whole file in one statement: new codes added, known ones renamed, re-aliased or moved. */
  private static final String STORE = """
      INSERT INTO commodities (code, parent_code, name_zh, name_en, aliases, updated_by)
      SELECT f.code, f.parent_code, f.name_zh, f.name_en, string_to_array(f.aliases, chr(31)), $6
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS f (code, parent_code, name_zh, name_en, aliases)
      ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, name_zh = excluded.name_zh,
        name_en = excluded.name_en, aliases = excluded.aliases, updated_at = now(), updated_by = excluded.updated_by""";

  private Commodities() {
  }

  /**
   * SQL after {@code FROM commodities}: the one commodity whose name or alias is the text
   * {@code name} (an SQL expression, already stripped), ignoring case; a commodity's own name
   * before an alias, then the lowest code.
   */
  static String matching(String name) {
    return ("WHERE lower(name_zh) = lower(%1$s) OR lower(name_en) = lower(%1$s)"
        + " OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE lower(a) = lower(%1$s))"
        + " ORDER BY (lower(name_zh) = lower(%1$s) OR lower(name_en) = lower(%1$s)) DESC, code LIMIT 1").formatted(name);
  }

  /**
   * The commodity whose name (Chinese or English) or known alias is {@code cropName}, or none when
   * nothing in the catalogue is called that: then the grower is asked to choose one.
   */
  public static Future<Optional<Commodity>> match(SqlClient client, String cropName) {
    String name = cropName == null ? "" : cropName.strip();
    if (name.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return client.preparedQuery(MATCH).execute(Tuple.of(name))
        .map(rows -> rows.size() == 0 ? Optional.<Commodity>empty() : Optional.of(Commodity.from(rows.iterator().next())));
  }

  /** The commodity coded {@code code}, or none. */
  static Future<Optional<Commodity>> byCode(SqlClient client, String code) {
    return client.preparedQuery(BY_CODE).execute(Tuple.of(code))
        .map(rows -> rows.size() == 0 ? Optional.<Commodity>empty() : Optional.of(Commodity.from(rows.iterator().next())));
  }

  /** Fails with a 400 on the field {@code commodity} unless the catalogue holds {@code code}. */
  static Future<Void> require(SqlClient client, String code) {
    return byCode(client, code).compose(found -> found.isPresent() ? Future.<Void>succeededFuture()
        : Future.failedFuture(agritrace.http.ApiError.invalid("commodity", "reference.unknown_commodity", "code", code)));
  }

  /** Stores a checked file's commodities, in one statement (one transaction). */
  static Future<Void> store(SqlClient client, List<Commodity> file, java.util.UUID by) {
    int n = file.size();
    String[] code = new String[n];
    String[] parent = new String[n];
    String[] zh = new String[n];
    String[] en = new String[n];
    String[] aliases = new String[n];
    for (int i = 0; i < n; i++) {
      Commodity c = file.get(i);
      code[i] = c.code();
      parent[i] = c.parentCode();
      zh[i] = c.nameZh();
      en[i] = c.nameEn();
      // A text array of text arrays does not unnest row by row; the unit separator cannot be typed in a name.
      aliases[i] = String.join("\u001f", c.aliases());
    }
    return client.preparedQuery(STORE).execute(Tuple.of(code, parent, zh, en, aliases, by)).mapEmpty();
  }

  /** One page of the catalogue, searched with an ILIKE pattern or whole when it is null. */
  static Future<List<Commodity>> list(SqlClient client, String pattern, int limit, int offset) {
    return client.preparedQuery(LIST).execute(Tuple.of(pattern, limit, offset)).map(rows -> {
      List<Commodity> page = new ArrayList<>(rows.size());
      rows.forEach(row -> page.add(Commodity.from(row)));
      return page;
    });
  }

  /** The whole catalogue (hundreds of rows), for checking a new load against it. */
  static Future<List<Commodity>> all(SqlClient client) {
    return client.query(ALL).execute().map(rows -> {
      List<Commodity> all = new ArrayList<>(rows.size());
      for (Row row : rows) {
        all.add(Commodity.from(row));
      }
      return all;
    });
  }
}
