package agritrace.quality;

import agritrace.http.Fields;
import io.vertx.sqlclient.Row;
import java.util.Arrays;
import java.util.Set;

/**
 * What a producer states of a product in one version, as a request sends it: a name (up to
 * {@value #MAX_NAME} characters), a commodity code of the catalogue, its packaging in free text
 * (e.g. "500 g 袋装", optional) and its release rule.
 */
record ProductBody(String name, String commodity, String packaging, Products.ReleaseRule rule) {

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
    return new ProductBody(name, commodity, packaging, rule);
  }

  /** A stored version's content. */
  static ProductBody of(Row row) {
    return new ProductBody(row.getString("name"), row.getString("commodity_code"), row.getString("packaging"),
        Products.ReleaseRule.of(row.getString("release_rule")));
  }
}
