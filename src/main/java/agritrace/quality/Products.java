package agritrace.quality;

import agritrace.http.Access;
import agritrace.http.Messages;
import agritrace.production.BatchExtras;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A producer's products (一品一策) as other features read them: what a batch is sold as and the
 * rule that releases it, and what the batch views show of it. The product tables are written
 * by {@link ProductRoutes} and {@link BatchProductRoutes} only (a lab test naming a batch's
 * commodity goes through the latter).
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

  /**
   * For batches $1 whose harvests' crops are $2: the latest batch_products row's product (as it now
   * stands) and commodity, or, when no row was set, the commodity the crop names in the catalogue.
   */
  private static final String EXTRAS = """
      SELECT b.batch_id, bp.product_id, p.name, p.release_rule, c.code, c.name_zh, c.name_en
      FROM unnest($1::uuid[], $2::text[]) AS b (batch_id, crop)
      LEFT JOIN LATERAL (SELECT product_id, commodity_code FROM batch_products
                         WHERE batch_id = b.batch_id ORDER BY seq DESC LIMIT 1) bp ON true
      LEFT JOIN LATERAL (SELECT name, release_rule FROM products
                         WHERE product_id = bp.product_id ORDER BY revision DESC LIMIT 1) p ON true
      LEFT JOIN LATERAL (SELECT code FROM commodities %s) m ON bp.commodity_code IS NULL
      LEFT JOIN commodities c ON c.code = coalesce(bp.commodity_code, m.code)""".formatted(
      Commodities.matching("btrim(b.crop)"));
  private static final String OWNER = "SELECT producer_id FROM products WHERE id = $1 AND revision = 0";

  private Products() {
  }

  /** Whose a product is (by its product id), for {@link Access#record}. */
  static Access.Owner owner(SqlClient client) {
    return id -> client.preparedQuery(OWNER).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("producer_id"));
  }

  /**
   * What the batch views show of each batch: {@code product} {id, name, rule} or null, and
   * {@code commodity} {code, name} (in the reader's language) or null when neither a row nor the
   * crop names one: then a commodity must be chosen before a lab test can be judged.
   */
  public static BatchExtras batchExtras() {
    return (client, crops, language) -> {
      if (crops.isEmpty()) {
        return Future.succeededFuture(Map.of());
      }
      UUID[] ids = crops.keySet().toArray(UUID[]::new);
      String[] names = new String[ids.length];
      for (int i = 0; i < ids.length; i++) {
        names[i] = crops.get(ids[i]);
      }
      return client.preparedQuery(EXTRAS).execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfString(names)).map(rows -> {
        Map<UUID, JsonObject> extras = new HashMap<>();
        for (Row row : rows) {
          UUID product = row.getUUID("product_id");
          extras.put(row.getUUID("batch_id"), new JsonObject()
              .put("product", product == null ? null : new JsonObject().put("id", product.toString())
                  .put("name", row.getString("name")).put("rule", row.getString("release_rule")))
              .put("commodity", commodity(row.getString("code"), row.getString("name_zh"), row.getString("name_en"),
                  language)));
        }
        return extras;
      });
    };
  }

  /** A commodity as the views show it: its code and its name in the reader's language; null for no code. */
  static JsonObject commodity(String code, String nameZh, String nameEn, Messages.Language language) {
    return code == null ? null
        : new JsonObject().put("code", code).put("name", language == Messages.Language.ZH ? nameZh : nameEn);
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
