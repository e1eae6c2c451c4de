package agritrace.quality;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * A producer's products (一品一策) as other features read them: what a batch is sold as and the
 * rule that releases it. The product tables are written by the products routes only.
 */
public final class Products {

  /** Which tests release a product's batches. */
  public enum ReleaseRule {
    /** One passing test, rapid or lab: the default when a batch has no product. */
    ONE_TEST,
    /** A passing lab test. */
    LAB_TEST,
    /** No test: the producer's quality control suffices (basis 质量安全控制符合要求). */
    INTERNAL_CONTROL;

    public String id() {
      return name().toLowerCase();
    }

    public static ReleaseRule of(String id) {
      for (ReleaseRule rule : values()) {
        if (rule.id().equals(id)) {
          return rule;
        }
      }
      return null;
    }
  }

  /**
   * What a batch is: the commodity it is judged as and, when chosen, its product as it now stands.
   * {@code productId}, {@code name}, {@code packaging} are null when only the commodity is known;
   * {@code rule} is then {@link ReleaseRule#ONE_TEST}.
   */
  public record BatchProduct(UUID productId, String name, String commodityCode, String packaging, ReleaseRule rule) {
  }

  /** The latest row of a batch's batch_products, with its product's current version. */
  private static final String OF_BATCH = """
      SELECT bp.product_id, bp.commodity_code, p.name, p.packaging, p.release_rule
      FROM (SELECT * FROM batch_products WHERE batch_id = $1 ORDER BY seq DESC LIMIT 1) bp
      LEFT JOIN LATERAL (SELECT * FROM products WHERE product_id = bp.product_id ORDER BY revision DESC LIMIT 1) p ON true""";

  private Products() {
  }

  /** What the batch is, or null when neither a product nor a commodity is set for it yet. */
  public static Future<BatchProduct> ofBatch(SqlClient client, UUID batchId) {
    return client.preparedQuery(OF_BATCH).execute(Tuple.of(batchId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      String rule = row.getString("release_rule");
      return new BatchProduct(row.getUUID("product_id"), row.getString("name"), row.getString("commodity_code"),
          row.getString("packaging"), rule == null ? ReleaseRule.ONE_TEST : ReleaseRule.of(rule));
    });
  }
}
