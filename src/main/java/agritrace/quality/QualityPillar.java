package agritrace.quality;

import agritrace.http.Message;
import agritrace.producer.Pillar;
import agritrace.producer.PillarCheck;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * 有质量检测 in the 五有 profile: a test that passed lately (a negative rapid test or a lab test
 * within its limits) and was not corrected since. The rules per product (一品一策) come with the
 * products.
 */
public final class QualityPillar {

  static final int RECENT_DAYS = 30;

  private static final String RECENT_PASS = """
      SELECT EXISTS (SELECT 1 FROM quality_tests t
                     WHERE t.producer_id = $1 AND t.result IN ('negative', 'pass')
                       AND t.tested_at > ($2::date - $3::int)::timestamptz
                       AND NOT EXISTS (SELECT 1 FROM quality_tests c WHERE c.corrects = t.id)) AS recent""";

  private QualityPillar() {
  }

  public static PillarCheck check(Pool pool) {
    return new PillarCheck(Pillar.QUALITY_TESTING, (producerId, today) -> pool.preparedQuery(RECENT_PASS)
        .execute(Tuple.of(producerId, today, RECENT_DAYS))
        .map(rows -> rows.iterator().next().getBoolean("recent")
            ? List.of()
            : List.of(Message.of("quality.no_recent_pass", "days", RECENT_DAYS))));
  }
}
