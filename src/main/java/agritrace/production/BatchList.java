package agritrace.production;

import agritrace.http.Messages;
import agritrace.http.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The list an inspector picks batches from: one producer's or every producer's, held batches
 * first (the most recently held first), then the others newest first, each with its producer's
 * name and its harvest's crop, day and quantity, and what the {@link BatchExtras} add.
 */
final class BatchList {

  /**
   * $1 the producer (null: every producer), $2 the status (null: any), $3 limit, $4 offset, $5 an
   * ILIKE pattern the lot code must match (null: any).
   * A batch's status is its latest event's, so "held first" cannot be read from an index on
   * batches; instead each half of the list is its own index walk that stops after $3 + $4 rows:
   * the held ones from the newest held event down (batch_events_held), keeping those no later
   * event followed, and the others from the newest batch down (batches_newest), skipping the held
   * ones. Only the page's rows are then joined to their producer and harvest.
   */
  private static final String PAGE = """
      WITH page AS (
        SELECT id, held_event, created_at FROM (
          (SELECT b.id, h.id AS held_event, b.created_at
           FROM batch_events h JOIN batches b ON b.id = h.batch_id
           WHERE h.status = 'held' AND ($2::text IS NULL OR $2::text = 'held')
             AND ($1::uuid IS NULL OR b.producer_id = $1::uuid) AND ($5::text IS NULL OR b.lot_code ILIKE $5::text)
             AND NOT EXISTS (SELECT 1 FROM batch_events later WHERE later.batch_id = h.batch_id AND later.id > h.id)
           ORDER BY h.id DESC LIMIT $3::int::bigint + $4::int)
          UNION ALL
          (SELECT b.id, NULL::bigint, b.created_at
           FROM batches b
           JOIN LATERAL (SELECT %1$s AS status FROM batch_events e
                         WHERE e.batch_id = b.id ORDER BY e.id DESC LIMIT 1) e ON true
           WHERE ($2::text IS NULL OR $2::text <> 'held') AND ($1::uuid IS NULL OR b.producer_id = $1::uuid)
             AND ($5::text IS NULL OR b.lot_code ILIKE $5::text) AND e.status <> 'held' AND ($2::text IS NULL OR e.status = $2::text)
           ORDER BY b.created_at DESC, b.id LIMIT $3::int::bigint + $4::int)
        ) listed
        ORDER BY held_event DESC NULLS LAST, created_at DESC, id LIMIT $3::int OFFSET $4::int
      )
      SELECT b.id, b.producer_id, b.harvest_id, b.lot_code, b.created_at, e.status, e.message, e.reason, e.details,
             p.name AS producer_name, o.crop, o.local_date, o.quantity, o.quantity_unit
      FROM page JOIN batches b ON b.id = page.id
      JOIN producers p ON p.id = b.producer_id
      JOIN LATERAL (SELECT %1$s AS status, message, reason, details FROM batch_events e
                    WHERE e.batch_id = b.id ORDER BY e.id DESC LIMIT 1) e ON true
      LEFT JOIN LATERAL (SELECT crop, local_date, quantity, quantity_unit FROM operations o
                         WHERE %2$s ORDER BY o.revision DESC LIMIT 1) o ON true
      ORDER BY page.held_event DESC NULLS LAST, page.created_at DESC, page.id""".formatted(
      BatchStatus.sql("e"), RecordType.versionOf("o", "b.harvest_id"));

  private BatchList() {
  }

  /**
   * One page of the list; {@code producerId} null lists every producer's batches, {@code status}
   * null every status, {@code lot} (an ILIKE pattern) null every lot code.
   */
  static Future<JsonArray> page(SqlClient client, UUID producerId, BatchStatus status, String lot, Page page,
      BatchExtras extras, Messages.Language language) {
    Map<UUID, String> crops = new LinkedHashMap<>();
    return client.preparedQuery(PAGE)
        .execute(Tuple.of(producerId, status == null ? null : status.id(), page.limit(), page.offset(), lot))
        .map(rows -> {
          JsonArray items = new JsonArray();
          for (Row row : rows) {
            crops.put(row.getUUID("id"), row.getString("crop"));
            items.add(Batch.from(row).toJson(language)
                .put("producerName", row.getString("producer_name"))
                .put("crop", row.getString("crop"))
                .put("harvestedOn", row.getLocalDate("local_date") == null ? null : row.getLocalDate("local_date").toString())
                .put("quantity", RecordViews.number(row.getBigDecimal("quantity")))
                .put("quantityUnit", row.getString("quantity_unit")));
          }
          return items;
        })
        .compose(items -> extras.of(client, crops, language).map(extra -> {
          items.forEach(item -> {
            JsonObject batch = (JsonObject) item;
            batch.mergeIn(extra.getOrDefault(UUID.fromString(batch.getString("id")), new JsonObject()));
          });
          return items;
        }));
  }
}
