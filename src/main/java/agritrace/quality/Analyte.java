package agritrace.quality;

import agritrace.http.ApiError;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * One measured residue of a lab report and its judgement against the limit on file: within it (a
 * value equal to the limit is within), over it, or "no limit on file", never a pass.
 *
 * @param limit the limit it was judged against, null when there is none on file
 */
record Analyte(int position, String name, BigDecimal value, String unit, BigDecimal mgPerKg, String result,
    ResidueLimits.Limit limit) {

  /** The units a report may give and what one of each is in mg/kg. */
  static final Map<String, BigDecimal> UNITS = Map.of(
      "mg/kg", BigDecimal.ONE,
      "µg/kg", new BigDecimal("0.001"),
      "μg/kg", new BigDecimal("0.001"),
      "ug/kg", new BigDecimal("0.001"));

  /** A measured analyte as sent, not yet judged; a 400 naming {@code field} when it is impossible. */
  static Analyte measured(int position, Object raw) {
    String field = "analytes[" + position + "]";
    if (!(raw instanceof JsonObject json)) {
      throw ApiError.invalid(field, "field.object");
    }
    Object name = json.getValue("analyte");
    if (!(name instanceof String text) || text.isBlank() || text.length() > 100) {
      throw ApiError.invalid(field + ".analyte", "field.required");
    }
    if (!(json.getValue("value") instanceof Number number)) {
      throw ApiError.invalid(field + ".value", json.getValue("value") == null ? "field.required" : "field.not_number");
    }
    BigDecimal value = new BigDecimal(number.toString());
    if (value.signum() < 0) {
      throw ApiError.invalid(field + ".value", "quality.negative_value");
    }
    String unit = json.getValue("unit") instanceof String u ? u.strip() : null;
    if (unit == null || !UNITS.containsKey(unit)) {
      throw ApiError.invalid(field + ".unit", "quality.unknown_unit", "allowed", java.util.List.of("mg/kg", "µg/kg"));
    }
    BigDecimal mgPerKg = value.multiply(UNITS.get(unit), MathContext.DECIMAL64).stripTrailingZeros();
    return new Analyte(position, text.strip(), value, unit, mgPerKg, null, null);
  }

  /** This analyte judged against {@code limit} (null: none on file). */
  Analyte judged(ResidueLimits.Limit found) {
    String verdict = found == null ? "no_limit" : mgPerKg.compareTo(found.mgPerKg()) > 0 ? "over_limit" : "within";
    return new Analyte(position, name, value, unit, mgPerKg, verdict, found);
  }

  /** Whether this analyte is the ingredient, by the name the report gave or either name of its limit. */
  boolean names(String ingredient) {
    String wanted = ingredient.strip();
    return name.equalsIgnoreCase(wanted) || limit != null
        && (wanted.equals(limit.analyteZh()) || wanted.equalsIgnoreCase(limit.analyteEn()));
  }
}
