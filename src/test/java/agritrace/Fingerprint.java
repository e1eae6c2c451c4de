package agritrace;

import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A cheap fingerprint of the whole database: how many rows each table has. */
final class Fingerprint {

  /** Tables a rejected request may write by design: the login throttle counts failed logins. */
  private static final List<String> BOOKKEEPING = List.of("login_throttle");

  private final String query;

  Fingerprint() {
    List<String> counts = new ArrayList<>();
    for (Row row : TestServer.get().sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
      String table = row.getString(0);
      if (BOOKKEEPING.contains(table)) {
        continue;
      }
      counts.add("SELECT '" + table + "', count(*) FROM \"" + table + "\"");
    }
    this.query = String.join(" UNION ALL ", counts);
  }

  Map<String, Long> now() {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : TestServer.get().sql(query)) {
      counts.put(row.getString(0), row.getLong(1));
    }
    return counts;
  }

  /** The tables whose counts differ, each as {@code table before→after}. */
  static List<String> changes(Map<String, Long> before, Map<String, Long> after) {
    List<String> changed = new ArrayList<>();
    after.forEach((table, count) -> {
      if (!count.equals(before.get(table))) {
        changed.add(table + " " + before.get(table) + "→" + count);
      }
    });
    return changed;
  }
}
