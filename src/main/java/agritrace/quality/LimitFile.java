package agritrace.quality;

import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A file of maximum residue limits, judged whole: every row names an analyte, a catalogued
 * commodity or group, a limit in mg/kg greater than 0 and its standard, and no analyte has two
 * limits for one commodity. Ready to store as one column array each. CPU work for a worker thread.
 */
final class LimitFile {

  static final List<String> COLUMNS = List.of("analyte_zh", "analyte_en", "cas", "commodity", "limit_mg_kg", "standard");

  private static final Pattern CAS = Pattern.compile("([0-9]{2,7})-([0-9]{2})-([0-9])");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,6})?");
  private static final int MAX_NAME = 100;
  private static final int MAX_STANDARD = 50;

  /** The rows as column arrays (for one {@code unnest} insert) and the standards they come from. */
  record Parsed(Integer[] lines, String[] analyteZh, String[] analyteEn, String[] cas, String[] commodity,
                String[] limit, String[] standard, Set<String> standards) {

    int size() {
      return lines.length;
    }
  }

  private LimitFile() {
  }

  /** The file's limits; the first fault found is a 400 naming its line and column. */
  static Parsed read(Buffer body, Set<String> commodities) {
    List<Csv.Row> rows = Csv.read(body, COLUMNS);
    int n = rows.size();
    Parsed parsed = new Parsed(new Integer[n], new String[n], new String[n], new String[n], new String[n],
        new String[n], new String[n], new TreeSet<>());
    Map<String, Integer> lineOf = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Csv.Row row = rows.get(i);
      parsed.lines()[i] = row.line();
      parsed.analyteZh()[i] = text(row, "analyte_zh", MAX_NAME);
      parsed.analyteEn()[i] = text(row, "analyte_en", MAX_NAME);
      parsed.cas()[i] = cas(row);
      String commodity = row.get("commodity");
      if (!commodities.contains(commodity)) {
        throw commodity.isEmpty() ? row.fault("commodity", "reference.required")
            : row.fault("commodity", "reference.unknown_commodity", "code", commodity);
      }
      parsed.commodity()[i] = commodity;
      parsed.limit()[i] = limit(row);
      parsed.standard()[i] = text(row, "standard", MAX_STANDARD);
      parsed.standards().add(parsed.standard()[i]);
      Integer earlier = lineOf.putIfAbsent(parsed.analyteZh()[i] + "\u0000" + commodity, row.line());
      if (earlier != null) {
        throw row.fault("commodity", "reference.duplicate_of_line", "line", earlier);
      }
    }
    return parsed;
  }

  private static String text(Csv.Row row, String column, int max) {
    String value = row.get(column);
    if (value.isEmpty()) {
      throw row.fault(column, "reference.required");
    }
    if (value.length() > max) {
      throw row.fault(column, "reference.too_long", "max", max);
    }
    return value;
  }

  /** A limit as written (kept exact), a plain decimal greater than 0. */
  private static String limit(Csv.Row row) {
    String value = row.get("limit_mg_kg");
    if (!DECIMAL.matcher(value).matches() || new BigDecimal(value).signum() <= 0) {
      throw row.fault("limit_mg_kg", "reference.limit_form", "value", value);
    }
    return value;
  }

  /** A CAS registry number with a right check digit, or null when the column is blank. */
  private static String cas(Csv.Row row) {
    String value = row.get("cas");
    if (value.isEmpty()) {
      return null;
    }
    var m = CAS.matcher(value);
    if (!m.matches()) {
      throw row.fault("cas", "reference.cas_form", "value", value);
    }
    String digits = m.group(1) + m.group(2);
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      sum += (digits.length() - i) * (digits.charAt(i) - '0');
    }
    if (sum % 10 != m.group(3).charAt(0) - '0') {
      throw row.fault("cas", "reference.cas_check", "value", value);
    }
    return value;
  }
}
