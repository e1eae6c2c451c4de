package agritrace.production;

import agritrace.http.Cursor;
import agritrace.http.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * The change stream of plots, inputs and operations that a phone catches up on: every version
 * (originals and corrections) a producer's members stored after a {@link Cursor}, in the order of
 * the transactions that wrote them ({@code written_xid}, then id). Only transactions below the
 * horizon, the oldest one still running when the list is read, are answered: each of those has
 * ended, so no record can later appear behind a cursor given out, however long a sync takes to
 * commit.
 */
final class RecordChanges {

  /** Every transaction below this one has ended, and what it wrote is seen by any later statement. */
  private static final String HORIZON = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint";
  /**
   * $1 the producer, $2 and $3 the cursor (its id null: a horizon), $4 the horizon, $5 the limit,
   * $6 the plot (operations only). Operations are found through their BRIN index on written_xid,
   * plots and inputs through (producer_id, written_xid, id).
   */
  private static final String SINCE = """
      SELECT t.* FROM %s t
      WHERE t.producer_id = $1 AND t.written_xid >= $2 AND t.written_xid < $4
        AND (t.written_xid > $2 OR $3::uuid IS NULL OR t.id > $3::uuid) AND %s
      ORDER BY t.written_xid, t.id LIMIT $5""";
  private static final String OF_PLOT = "($6::uuid IS NULL OR t.unit_id = (SELECT root_id FROM production_units WHERE id = $6))";

  private RecordChanges() {
  }

  /**
   * The cursor a list read after this call may hand out: asking for it before the list is read
   * keeps it at or below the list's own horizon, so what the list did not see is after it.
   */
  static Future<Cursor> horizon(SqlClient client) {
    return client.query(HORIZON).execute().map(rows -> new Cursor(rows.iterator().next().getLong(0), null));
  }

  /**
   * One page of the stream after {@code since}, with {@code next}: the last item's place when the
   * page is full, else the horizon (never behind {@code since}).
   */
  static Future<JsonObject> page(SqlClient client, RecordType type, UUID producer, Cursor since, UUID plotId,
      Page page) {
    String sql = SINCE.formatted(type.table(), type == RecordType.OPERATION ? OF_PLOT : "$6::uuid IS NULL");
    return horizon(client).compose(horizon -> client.preparedQuery(sql)
        .execute(Tuple.of(producer, since.xid(), since.id(), horizon.xid(), page.limit(), plotId))
        .map(rows -> {
          JsonArray items = new JsonArray();
          Row last = null;
          for (Row row : rows) {
            items.add(RecordViews.of(type, row));
            last = row;
          }
          Cursor next = rows.size() == page.limit() ? new Cursor(last.getLong("written_xid"), last.getUUID("id"))
              : horizon.xid() > since.xid() ? horizon : since;
          return page.answer(items, next);
        }));
  }
}
