package agritrace.quality;

import agritrace.http.Message;
import agritrace.http.Page;
import agritrace.producer.Pillar;
import agritrace.producer.PillarCheck;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * 有质量检测 in the 五有 profile: a test that passed lately (a negative rapid test or a lab test
 * within its limits) and was not corrected since, and the producer's products stated with the
 * rule that releases each (一品一策, at least one product). The profile lists the products and
 * their rules with the pillar.
 */
public final class QualityPillar {

  static final int RECENT_DAYS = 30;
  /** How many products the profile lists; a producer with more reads them all from its products. */
  static final int LISTED = 100;

  private static final String STATE = """
      SELECT EXISTS (SELECT 1 FROM quality_tests t
                     WHERE t.producer_id = $1 AND t.result IN ('negative', 'pass')
                       AND t.tested_at > ($2::date - $3::int)::timestamptz
                       AND NOT EXISTS (SELECT 1 FROM quality_tests c WHERE c.corrects = t.id)) AS recent,
             EXISTS (SELECT 1 FROM products WHERE producer_id = $1) AS products""";

  private QualityPillar() {
  }

  public static PillarCheck check(Pool pool) {
    return new PillarCheck(Pillar.QUALITY_TESTING,
        (producerId, today) -> pool.preparedQuery(STATE).execute(Tuple.of(producerId, today, RECENT_DAYS)).map(rows -> {
          Row row = rows.iterator().next();
          List<Message> gaps = new ArrayList<>();
          if (!row.getBoolean("recent")) {
            gaps.add(Message.of("quality.no_recent_pass", "days", RECENT_DAYS));
          }
          if (!row.getBoolean("products")) {
            gaps.add(Message.of("product.none_stated"));
          }
          return gaps;
        }),
        (producerId, language) -> ProductRoutes.current(pool, producerId, new Page(LISTED, 0), language)
            .map(products -> new JsonObject().put("products", products)));
  }
}
