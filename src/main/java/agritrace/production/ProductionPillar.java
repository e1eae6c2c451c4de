package agritrace.production;

import agritrace.http.Message;
import agritrace.producer.Pillar;
import agritrace.producer.PillarCheck;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** 有生产记录 in the 五有 profile: production units on record, and operations recorded lately. */
public final class ProductionPillar {

  static final int RECENT_DAYS = 30;

  /** The occurred_at bound, a day wider than the local dates, lets each plot's index find recent records. */
  private static final String COUNTS = """
      SELECT EXISTS (SELECT 1 FROM production_units WHERE producer_id = $1) AS units,
             EXISTS (SELECT 1 FROM production_units u JOIN operations o ON o.unit_id = u.id
                     WHERE u.producer_id = $1 AND u.revision = 0
                       AND o.occurred_at > ($2::date - $3::int - 1)::timestamptz
                       AND o.local_date > $2::date - $3::int) AS recent""";

  private ProductionPillar() {
  }

  public static PillarCheck check(Pool pool) {
    return new PillarCheck(Pillar.PRODUCTION_RECORDS, (producerId, today) -> pool.preparedQuery(COUNTS)
        .execute(Tuple.of(producerId, today, RECENT_DAYS))
        .map(rows -> {
          Row row = rows.iterator().next();
          List<Message> gaps = new ArrayList<>();
          if (!row.getBoolean("units")) {
            gaps.add(Message.of("production.no_units"));
          }
          if (!row.getBoolean("recent")) {
            gaps.add(Message.of("production.no_recent_operation", "days", RECENT_DAYS));
          }
          return gaps;
        }));
  }
}
