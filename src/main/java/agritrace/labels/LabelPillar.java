package agritrace.labels;

import agritrace.http.Message;
import agritrace.producer.Pillar;
import agritrace.producer.PillarCheck;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * 有包装标识 in the 五有 profile: the producer packed at least one run in the last
 * {@value #RECENT_DAYS} days. Only a released batch with a certificate can be packed, so every
 * run's labels carry a trace code and the 承诺达标合格证.
 */
public final class LabelPillar {

  static final int RECENT_DAYS = 30;

  private static final String RECENT = """
      SELECT EXISTS (SELECT 1 FROM packing_runs WHERE producer_id = $1 AND pack_date > $2::date - $3::int) AS recent""";

  private LabelPillar() {
  }

  public static PillarCheck check(Pool pool) {
    return new PillarCheck(Pillar.PACKAGING_LABELS,
        (producerId, today) -> pool.preparedQuery(RECENT).execute(Tuple.of(producerId, today, RECENT_DAYS))
            .map(rows -> rows.iterator().next().getBoolean("recent") ? List.<Message>of()
                : List.of(Message.of("labels.no_recent_run", "days", RECENT_DAYS))));
  }
}
