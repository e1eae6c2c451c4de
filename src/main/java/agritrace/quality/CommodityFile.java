package agritrace.quality;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A commodity catalogue file, judged whole against the catalogue already stored: codes, groups
 * that exist (in the file or stored) and never contain themselves, and names and aliases that
 * each mean one commodity. CPU work for a worker thread.
 */
final class CommodityFile {

  static final List<String> COLUMNS = List.of("code", "parent", "name_zh", "name_en", "aliases");

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_.-]{0,39}");
  private static final int MAX_NAME = 100;
  private static final int MAX_ALIASES = 20;

  private CommodityFile() {
  }

  /** The file's commodities, in its order; the first fault found is a 400 naming its line and column. */
  static List<Commodity> read(Buffer body, List<Commodity> stored) {
    Map<String, Commodity> merged = new LinkedHashMap<>();
    stored.forEach(c -> merged.put(c.code(), c));
    Map<String, Csv.Row> lineOf = new HashMap<>();
    List<Csv.Row> rows = Csv.read(body, COLUMNS);
    List<Commodity> file = new ArrayList<>(rows.size());
    for (Csv.Row row : rows) {
      String code = row.get("code");
      if (!CODE.matcher(code).matches()) {
        throw row.fault("code", "reference.commodity_code_form");
      }
      Csv.Row earlier = lineOf.putIfAbsent(code, row);
      if (earlier != null) {
        throw row.fault("code", "reference.duplicate_of_line", "line", earlier.line());
      }
      String parent = row.get("parent");
      Commodity commodity = new Commodity(code, parent.isEmpty() ? null : parent,
          name(row, "name_zh"), name(row, "name_en"), aliases(row));
      file.add(commodity);
      merged.put(code, commodity);
    }
    for (Commodity c : file) {
      Csv.Row row = lineOf.get(c.code());
      if (c.parentCode() != null && !merged.containsKey(c.parentCode())) {
        throw row.fault("parent", "reference.unknown_commodity", "code", c.parentCode());
      }
      if (insideItself(c.code(), merged)) {
        throw row.fault("parent", "reference.group_in_itself", "code", c.code());
      }
    }
    namesMeanOneCommodity(file, merged, lineOf);
    return file;
  }

  private static String name(Csv.Row row, String column) {
    String name = row.get(column);
    if (name.isEmpty()) {
      throw row.fault(column, "reference.required");
    }
    if (name.length() > MAX_NAME) {
      throw row.fault(column, "reference.too_long", "max", MAX_NAME);
    }
    return name;
  }

  /** Aliases separated by {@code |}. */
  private static List<String> aliases(Csv.Row row) {
    String raw = row.get("aliases");
    if (raw.isEmpty()) {
      return List.of();
    }
    List<String> aliases = Arrays.stream(raw.split("\\|")).map(String::strip).filter(a -> !a.isEmpty()).distinct().toList();
    if (aliases.size() > MAX_ALIASES || aliases.stream().anyMatch(a -> a.length() > MAX_NAME)) {
      throw row.fault("aliases", "reference.aliases_form", "max", MAX_ALIASES, "maxLength", MAX_NAME);
    }
    return aliases;
  }

  private static boolean insideItself(String code, Map<String, Commodity> merged) {
    Set<String> seen = new HashSet<>();
    for (String at = code; at != null && merged.containsKey(at); at = merged.get(at).parentCode()) {
      if (!seen.add(at)) {
        return true;
      }
    }
    return false;
  }

  /**
   * No name or alias may be another commodity's name or alias, so a crop name matches one
   * commodity at most; of two rows of the file, the later one is at fault.
   */
  private static void namesMeanOneCommodity(List<Commodity> file, Map<String, Commodity> merged, Map<String, Csv.Row> lineOf) {
    Map<String, String> owner = new HashMap<>();
    for (Commodity c : merged.values()) {
      if (!lineOf.containsKey(c.code())) {
        names(c).forEach(name -> owner.put(name.toLowerCase(Locale.ROOT), c.code()));
      }
    }
    for (Commodity c : file) {
      for (String name : names(c)) {
        String other = owner.putIfAbsent(name.toLowerCase(Locale.ROOT), c.code());
        if (other != null && !other.equals(c.code())) {
          String column = name.equals(c.nameZh()) ? "name_zh" : name.equals(c.nameEn()) ? "name_en" : "aliases";
          throw lineOf.get(c.code()).fault(column, "reference.name_taken", "name", name, "code", other);
        }
      }
    }
  }

  private static List<String> names(Commodity c) {
    List<String> names = new ArrayList<>(c.aliases());
    names.add(0, c.nameEn());
    names.add(0, c.nameZh());
    return names;
  }
}
