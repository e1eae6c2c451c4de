package agritrace.quality;

import agritrace.http.ApiError;
import agritrace.http.Fields;
import agritrace.labels.Gtin;
import agritrace.labels.ParseFailure;
import agritrace.production.Records;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Set;

/**
 * What a producer states of a product in one version, as a request sends it: a name (up to
 * {@value #MAX_NAME} characters), a commodity code of the catalogue, its packaging in free text
 * (e.g. "500 g 袋装", optional), its release rule, and optionally its GTIN (8, 12, 13 or 14
 * digits with a valid check digit, held as GTIN-14) and net content ({@code netQuantity} with
 * {@code netUnit}, both or neither).
 */
record ProductBody(String name, String commodity, String packaging, Products.ReleaseRule rule, String gtin,
    BigDecimal netQuantity, String netUnit) {

  private static final double MAX_NET = 1_000_000;

  ProductBody {
    netQuantity = netQuantity == null ? null : netQuantity.stripTrailingZeros();
  }

  static final int MAX_NAME = 60;
  static final int MAX_PACKAGING = 60;

  /**
   * The body's fields, each checked (400 naming the field); {@code rule} may be left out when
   * {@code ruleRequired} is false and is then one_test. Whether the commodity is in the catalogue
   * is checked against the database ({@link Commodities#require}).
   */
  static ProductBody from(Fields body, boolean ruleRequired) {
    String name = body.text("name", MAX_NAME);
    String commodity = body.text("commodity", 40);
    String packaging = body.optionalText("packaging", MAX_PACKAGING);
    Products.ReleaseRule rule = Products.ReleaseRule.ONE_TEST;
    if (ruleRequired || body.has("rule")) {
      rule = Products.ReleaseRule.of(body.oneOf("rule",
          Set.copyOf(Arrays.stream(Products.ReleaseRule.values()).map(Products.ReleaseRule::id).toList())));
    }
    String gtin = gtin(body.optionalText("gtin", 40));
    BigDecimal netQuantity = body.positive("netQuantity", MAX_NET, false);
    String netUnit = netQuantity == null && !body.has("netUnit") ? null
        : body.oneOf("netUnit", Records.QUANTITY_UNITS);
    if (netQuantity == null && netUnit != null) {
      throw ApiError.invalid("netQuantity", "field.required");
    }
    return new ProductBody(name, commodity, packaging, rule, gtin, netQuantity, netUnit);
  }

  /** A GTIN as written, as GTIN-14; null stays null; a malformed one is a 400 on {@code gtin}. */
  private static String gtin(String written) {
    if (written == null) {
      return null;
    }
    try {
      return Gtin.parse(written).gtin14();
    } catch (ParseFailure failure) {
      throw ApiError.invalid("gtin", failure.code());
    }
  }

  /** A stored version's content. */
  static ProductBody of(Row row) {
    return new ProductBody(row.getString("name"), row.getString("commodity_code"), row.getString("packaging"),
        Products.ReleaseRule.of(row.getString("release_rule")), row.getString("gtin"),
        row.getBigDecimal("net_quantity"), row.getString("net_unit"));
  }
}
