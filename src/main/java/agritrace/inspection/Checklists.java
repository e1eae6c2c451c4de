package agritrace.inspection;

import agritrace.db.Ids;
import agritrace.db.Sql;
import agritrace.http.ApiError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The owner of the checklist templates: each load of a code is appended as its next version. */
final class Checklists {

  private static final String COLUMNS = "id, code, version, title_zh, title_en, items, loaded_at";
  private static final String INSERT = """
      INSERT INTO checklist_templates (id, code, version, title_zh, title_en, items, loaded_by)
      SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5::text::jsonb, $6
      FROM checklist_templates WHERE code = $2
      RETURNING\s""" + COLUMNS;
  private static final String CURRENT = "SELECT DISTINCT ON (code) " + COLUMNS
      + " FROM checklist_templates ORDER BY code, version DESC LIMIT $1 OFFSET $2";
  private static final String FIND = "SELECT " + COLUMNS + ", version = (SELECT max(version) FROM checklist_templates"
      + " c WHERE c.code = t.code) AS current FROM checklist_templates t WHERE id = $1";

  private Checklists() {
  }

  /** Stores the template as the next version of its code. */
  static Future<Checklist> store(Pool pool, Checklist.Loaded loaded, UUID by) {
    return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {Ids.timeOrdered(), loaded.code(),
            loaded.title().getString("zh"), loaded.title().getString("en"), loaded.items().encode(), by}))
        .map(rows -> Checklist.from(rows.iterator().next()))
        // Two loads of one code at the same moment: the second is told to load again.
        .recover(failure -> Future.failedFuture(Sql.uniqueViolation(failure, "checklist_templates_code_version_key")
            ? ApiError.conflict("code", "checklist.loaded_at_once") : failure));
  }

  /** The version in force (the highest) of each code, by code. */
  static Future<List<Checklist>> current(Pool pool, int limit, int offset) {
    return pool.preparedQuery(CURRENT).execute(Tuple.of(limit, offset)).map(rows -> {
      List<Checklist> found = new ArrayList<>();
      rows.forEach(row -> found.add(Checklist.from(row)));
      return found;
    });
  }

  /** A version by its id, and whether it is the one in force; null when there is none. */
  static Future<Found> find(SqlClient client, UUID id) {
    return client.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null
        : new Found(Checklist.from(rows.iterator().next()), rows.iterator().next().getBoolean("current")));
  }

  record Found(Checklist checklist, boolean current) {
  }
}
