package agritrace.labels;

import agritrace.http.Access;
import agritrace.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The owner of the packing tables (packing_runs, label_codes, gs1_lots): runs and their codes are
 * appended, never changed. Codes are written set-wise, one statement per kind, and a code that
 * is already taken (80 random bits: practically never) is drawn again.
 */
final class PackingRuns {

  private static final int DRAWS = 5;
  private static final String INSERT_RUN = """
      INSERT INTO packing_runs (id, batch_id, producer_id, product_id, product_version, unit_count, unit_quantity,
        unit_unit, base_quantity, base_unit, pack_date, packaging, case_size, gtin, lot, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)""";
  private static final String INSERT_CODES = """
      INSERT INTO label_codes (code, kind, run_id, number, case_code, url)
      SELECT c.code, $1, $2, c.number, c.case_code, c.url
      FROM unnest($3::text[], $4::int[], $5::text[], $6::text[]) AS c (code, number, case_code, url)
      ON CONFLICT (code) DO NOTHING RETURNING code""";
  private static final String INSERT_LOT = "INSERT INTO gs1_lots (gtin, lot, batch_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
  private static final String LOT_OF = "SELECT batch_id FROM gs1_lots WHERE gtin = $1 AND lot = $2";
  private static final String PACKED = "SELECT coalesce(sum(base_quantity), 0) AS packed FROM packing_runs"
      + " WHERE batch_id = $1 AND base_unit = $2";
  private static final String OWNER = "SELECT producer_id FROM packing_runs WHERE id = $1";
  private static final String RUN = """
      SELECT r.*, b.lot_code, p.name AS product_name, u.name AS by_name,
             (SELECT count(*) FROM label_codes c WHERE c.run_id = r.id AND c.kind = 'case') AS case_count
      FROM packing_runs r JOIN batches b ON b.id = r.batch_id JOIN products p ON p.id = r.product_version
      LEFT JOIN users u ON u.id = r.created_by""";
  static final String BY_ID = RUN + " WHERE r.id = $1";
  static final String OF_BATCH = RUN + " WHERE r.batch_id = $1 ORDER BY r.created_at, r.id LIMIT $2 OFFSET $3";
  static final String CASES = """
      SELECT c.code, c.number, c.url, (SELECT count(*) FROM label_codes u WHERE u.case_code = c.code) AS units
      FROM label_codes c WHERE c.run_id = $1 AND c.kind = 'case' ORDER BY c.number""";
  static final String GTIN = "SELECT gtin FROM packing_runs WHERE id = $1";
  static final String UNITS = """
      SELECT code, number, case_code, url FROM label_codes WHERE run_id = $1 AND kind = 'unit'
      ORDER BY number LIMIT $2 OFFSET $3""";

  /** A printed code (or a GS1 lot, code null) with what its public page shows of its packing run. */
  private static final String LABEL = """
      SELECT l.code, l.kind, l.url, r.batch_id, r.gtin, r.lot, r.pack_date, r.unit_quantity, r.unit_unit, b.lot_code,
             p.name AS product_name, pr.name AS producer_name
      FROM label_codes l JOIN packing_runs r ON r.id = l.run_id JOIN batches b ON b.id = r.batch_id
      JOIN products p ON p.id = r.product_version JOIN producers pr ON pr.id = r.producer_id WHERE l.code = $1""";
  /** A GS1 lot's latest run under its GTIN. */
  private static final String LOT = """
      SELECT NULL::text AS code, 'lot' AS kind, NULL::text AS url, r.batch_id, r.gtin, r.lot, r.pack_date,
             r.unit_quantity, r.unit_unit, b.lot_code, p.name AS product_name, pr.name AS producer_name
      FROM gs1_lots g JOIN packing_runs r ON r.batch_id = g.batch_id AND r.gtin = g.gtin AND r.lot = g.lot
      JOIN batches b ON b.id = r.batch_id JOIN products p ON p.id = r.product_version
      JOIN producers pr ON pr.id = r.producer_id
      WHERE g.gtin = $1 AND g.lot = $2 ORDER BY r.created_at DESC, r.id LIMIT 1""";
  private static final String IN_CASE = "SELECT code, url FROM label_codes WHERE case_code = $1 ORDER BY number";

  private PackingRuns() {
  }

  /** Whose a packing run is, for {@link Access#record}. */
  static Access.Owner owner(SqlClient client) {
    return id -> client.preparedQuery(OWNER).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("producer_id"));
  }

  /** What the batch's runs add up to in {@code baseUnit}. */
  static Future<BigDecimal> packed(SqlClient client, UUID batchId, String baseUnit) {
    return client.preparedQuery(PACKED).execute(Tuple.of(batchId, baseUnit))
        .map(rows -> rows.iterator().next().getBigDecimal("packed"));
  }

  /** Maps the lot to the batch under the GTIN; a 409 if it already names another batch. */
  static Future<Void> mapLot(SqlClient tx, String gtin, String lot, UUID batchId) {
    return tx.preparedQuery(INSERT_LOT).execute(Tuple.of(gtin, lot, batchId))
        .compose(done -> tx.preparedQuery(LOT_OF).execute(Tuple.of(gtin, lot)))
        .compose(rows -> rows.iterator().next().getUUID("batch_id").equals(batchId) ? Future.<Void>succeededFuture()
            : Future.failedFuture(ApiError.conflict(null, "packing.lot_taken", "lot", lot, "gtin", gtin)));
  }

  /** A run as stored. */
  record Run(UUID id, UUID batchId, UUID producerId, UUID productId, UUID productVersion, int unitCount,
      BigDecimal unitQuantity, String unitUnit, BigDecimal baseQuantity, String baseUnit, LocalDate packDate,
      String packaging, Integer caseSize, String gtin, String lot, UUID by) {
  }

  static Future<Void> insert(SqlClient tx, Run r) {
    return tx.preparedQuery(INSERT_RUN).execute(Tuple.tuple().addUUID(r.id()).addUUID(r.batchId())
            .addUUID(r.producerId()).addUUID(r.productId()).addUUID(r.productVersion()).addInteger(r.unitCount())
            .addBigDecimal(r.unitQuantity()).addString(r.unitUnit()).addBigDecimal(r.baseQuantity())
            .addString(r.baseUnit()).addLocalDate(r.packDate()).addString(r.packaging()).addInteger(r.caseSize())
            .addString(r.gtin()).addString(r.lot()).addUUID(r.by()))
        .mapEmpty();
  }

  /**
   * Writes {@code count} codes of the run of one kind, numbered from 1, unit {@code n} in the case
   * {@code caseOf(n)} (null: none), each with the URL {@code urlOf(code)}; answers the codes by
   * number (index 0 is number 1).
   */
  static Future<List<String>> codes(SqlClient tx, UUID runId, String kind, int count,
      Function<Integer, String> caseOf, Function<String, String> urlOf) {
    return codes(tx, runId, kind, count, caseOf, urlOf, () -> UnitCode.random().value());
  }

  /** As {@link #codes(SqlClient, UUID, String, int, Function, Function)}, drawing each code from {@code draw}. */
  static Future<List<String>> codes(SqlClient tx, UUID runId, String kind, int count,
      Function<Integer, String> caseOf, Function<String, String> urlOf, Supplier<String> draw) {
    String[] codes = new String[count];
    List<Integer> pending = new ArrayList<>(count);
    for (int n = 1; n <= count; n++) {
      pending.add(n);
    }
    return draw(tx, runId, kind, codes, pending, caseOf, urlOf, draw, 1).map(done -> List.of(codes));
  }

  private static Future<Void> draw(SqlClient tx, UUID runId, String kind, String[] codes, List<Integer> pending,
      Function<Integer, String> caseOf, Function<String, String> urlOf, Supplier<String> draw, int attempt) {
    int size = pending.size();
    String[] drawn = new String[size];
    Integer[] numbers = pending.toArray(Integer[]::new);
    String[] cases = new String[size];
    String[] urls = new String[size];
    // Up to 10,000 random draws and URLs are milliseconds of CPU: done on a worker, off the event loop.
    Callable<Void> fill = () -> {
      for (int i = 0; i < size; i++) {
        drawn[i] = draw.get();
        cases[i] = caseOf.apply(numbers[i]);
        urls[i] = urlOf.apply(drawn[i]);
      }
      return null;
    };
    // Called inside a transaction's callbacks, so on the event loop's context.
    Future<Void> filled = Vertx.currentContext().executeBlocking(fill, false);
    return filled.compose(done -> tx.preparedQuery(INSERT_CODES).execute(Tuple.tuple().addString(kind).addUUID(runId)
            .addArrayOfString(drawn).addArrayOfInteger(numbers).addArrayOfString(cases).addArrayOfString(urls)))
        .compose(rows -> {
          Set<String> written = new HashSet<>(rows.size() * 2);
          rows.forEach(row -> written.add(row.getString("code")));
          List<Integer> again = new ArrayList<>();
          for (int i = 0; i < size; i++) {
            if (written.remove(drawn[i])) {
              codes[numbers[i] - 1] = drawn[i];
            } else {
              again.add(numbers[i]);
            }
          }
          if (again.isEmpty()) {
            return Future.succeededFuture();
          }
          if (attempt >= DRAWS) {
            return Future.failedFuture(new IllegalStateException(again.size() + " codes still taken after "
                + DRAWS + " draws: is the random source broken?"));
          }
          return draw(tx, runId, kind, codes, again, caseOf, urlOf, draw, attempt + 1);
        });
  }

  /**
   * What a public page shows of a code or lot: {@code kind} unit, case or lot; {@code code} and
   * {@code url} (as printed) null for a lot; {@code gtin} and {@code lot} null without a GTIN.
   */
  record Label(String code, String kind, String url, UUID batchId, String gtin, String lot, LocalDate packDate,
      BigDecimal unitQuantity, String unitUnit, String lotCode, String productName, String producerName) {

    static Label from(Row row) {
      return new Label(row.getString("code"), row.getString("kind"), row.getString("url"), row.getUUID("batch_id"),
          row.getString("gtin"), row.getString("lot"), row.getLocalDate("pack_date"), row.getBigDecimal("unit_quantity"),
          row.getString("unit_unit"), row.getString("lot_code"), row.getString("product_name"),
          row.getString("producer_name"));
    }
  }

  /** The unit or case with the code; null when there is none. */
  static Future<Label> label(SqlClient client, String code) {
    return client.preparedQuery(LABEL).execute(Tuple.of(code))
        .map(rows -> rows.size() == 0 ? null : Label.from(rows.iterator().next()));
  }

  /** The lot under the GTIN-14, as its latest run packed it; null when there is none. */
  static Future<Label> lot(SqlClient client, String gtin, String lot) {
    return client.preparedQuery(LOT).execute(Tuple.of(gtin, lot))
        .map(rows -> rows.size() == 0 ? null : Label.from(rows.iterator().next()));
  }

  /** The codes and URLs of the units packed in the case, in order. */
  static Future<List<String[]>> unitsIn(SqlClient client, String caseCode) {
    return client.preparedQuery(IN_CASE).execute(Tuple.of(caseCode)).map(rows -> {
      List<String[]> units = new ArrayList<>();
      rows.forEach(row -> units.add(new String[] {row.getString("code"), row.getString("url")}));
      return units;
    });
  }
}
