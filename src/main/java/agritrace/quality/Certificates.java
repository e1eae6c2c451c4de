package agritrace.quality;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The owner of the certificates table: certificates are appended, never changed. Also reads
 * what an issue needs from the record (the harvest, its plot, the producer, the tests behind a
 * basis), and what a certificate's public page shows.
 */
public final class Certificates {

  private static final String INSERT = """
      INSERT INTO certificates (id, code, batch_id, producer_id, product_name, quantity, quantity_unit, base_quantity,
        base_unit, origin, issued_on, issuer, contact, commitment, basis, basis_tests, buyer, delivery_note, issued_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)""";
  private static final String SELECT = """
      SELECT c.*, b.lot_code, u.name AS issued_by_name FROM certificates c
      JOIN batches b ON b.id = c.batch_id JOIN users u ON u.id = c.issued_by""";
  private static final String BY_ID = SELECT + " WHERE c.id = $1";
  private static final String BY_CODE = SELECT + " WHERE c.code = $1";
  private static final String OF_BATCH = SELECT + " WHERE c.batch_id = $1 ORDER BY c.issued_at, c.id";
  private static final String OWNER = "SELECT producer_id FROM certificates WHERE id = $1";
  /** What the batch's certificates add up to, per base unit. */
  private static final String ISSUED = "SELECT coalesce(sum(base_quantity), 0) AS issued FROM certificates"
      + " WHERE batch_id = $1 AND base_unit = $2";
  /** The harvest as it now stands, its plot's name and the producer: what a certificate prints. */
  private static final String FACTS = """
      SELECT p.name AS issuer, p.address, p.phone, h.quantity, h.quantity_unit, h.crop, u.name AS plot_name
      FROM batches b JOIN producers p ON p.id = b.producer_id
      JOIN LATERAL (SELECT * FROM operations o WHERE o.id = b.harvest_id OR (o.revision > 0 AND o.root_id = b.harvest_id)
                    ORDER BY o.revision DESC LIMIT 1) h ON true
      LEFT JOIN LATERAL (SELECT name FROM production_units u WHERE u.id = h.unit_id
                         OR (u.revision > 0 AND u.root_id = h.unit_id) ORDER BY u.revision DESC LIMIT 1) u ON true
      WHERE b.id = $1""";
  /**
   * The producer's own passing tests since the batch was last held by a test, leaving out tests
   * since corrected: what a certificate's basis may rest on. Official (inspectors') tests are not
   * the producer's to certify with.
   */
  private static final String PASSING = """
      SELECT id, kind FROM quality_tests t WHERE batch_id = $1 AND NOT official AND result IN ('negative', 'pass')
      AND seq > coalesce((SELECT max(seq) FROM quality_tests WHERE batch_id = $1 AND effect = 'held'), 0)
      AND NOT EXISTS (SELECT 1 FROM quality_tests c WHERE c.corrects = t.id) ORDER BY seq""";
  /** The tests behind a basis as the public page shows them: nobody's name, only the lab's. */
  private static final String BASIS_TESTS = """
      SELECT id, kind, tested_at, reported_on, lab, report_no, message FROM quality_tests
      WHERE id = ANY($1) ORDER BY seq""";

  private Certificates() {
  }

  /** Whose a certificate is, for {@link agritrace.http.Access#record}. */
  static agritrace.http.Access.Owner owner(SqlClient client) {
    return id -> client.preparedQuery(OWNER).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("producer_id"));
  }

  /** What a certificate of the batch prints from the record. */
  public record Facts(String issuer, String address, String phone, Amount harvested, String crop, String plotName) {
    /** The origin (产地) as the record has it: the producer's address and the plot's name. */
    public String origin() {
      return plotName == null ? address : address + " " + plotName;
    }
  }

  public static Future<Facts> facts(SqlClient client, UUID batchId) {
    return client.preparedQuery(FACTS).execute(Tuple.of(batchId)).map(rows -> {
      Row row = rows.iterator().next();
      BigDecimal quantity = row.getBigDecimal("quantity");
      return new Facts(row.getString("issuer"), row.getString("address"), row.getString("phone"),
          quantity == null ? null : new Amount(quantity, row.getString("quantity_unit")), row.getString("crop"),
          row.getString("plot_name"));
    });
  }

  /** A passing test a basis may rest on: its id and kind (rapid or lab). */
  record Passing(UUID id, String kind) {
  }

  static Future<List<Passing>> passing(SqlClient client, UUID batchId) {
    return client.preparedQuery(PASSING).execute(Tuple.of(batchId)).map(rows -> {
      List<Passing> tests = new ArrayList<>();
      rows.forEach(row -> tests.add(new Passing(row.getUUID("id"), row.getString("kind"))));
      return tests;
    });
  }

  /** The amount the batch's certificates add up to in {@code baseUnit}. */
  static Future<BigDecimal> issued(SqlClient client, UUID batchId, String baseUnit) {
    return client.preparedQuery(ISSUED).execute(Tuple.of(batchId, baseUnit))
        .map(rows -> rows.iterator().next().getBigDecimal("issued"));
  }

  /** Appends a certificate. */
  static Future<Void> insert(SqlClient tx, Certificate c) {
    return tx.preparedQuery(INSERT).execute(Tuple.tuple().addUUID(c.id()).addString(c.code()).addUUID(c.batchId())
            .addUUID(c.producerId()).addString(c.productName()).addBigDecimal(c.amount().quantity())
            .addString(c.amount().unit()).addBigDecimal(c.amount().baseQuantity()).addString(c.amount().baseUnit())
            .addString(c.origin()).addLocalDate(c.issuedOn()).addString(c.issuer()).addString(c.contact())
            .addString(c.commitment()).addString(c.basis().id())
            .addArrayOfUUID(c.basisTests().toArray(UUID[]::new)).addString(c.buyer()).addString(c.deliveryNote())
            .addUUID(c.issuedBy()))
        .mapEmpty();
  }

  static Future<Certificate> byId(SqlClient client, UUID id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id)).map(Certificates::first);
  }

  static Future<Certificate> byCode(SqlClient client, String code) {
    return client.preparedQuery(BY_CODE).execute(Tuple.of(code)).map(Certificates::first);
  }

  static Future<List<Certificate>> ofBatch(SqlClient client, UUID batchId) {
    return client.preparedQuery(OF_BATCH).execute(Tuple.of(batchId)).map(rows -> {
      List<Certificate> all = new ArrayList<>();
      rows.forEach(row -> all.add(Certificate.from(row)));
      return all;
    });
  }

  /** What a packed unit's public page shows of its batch's certificate: its code (for /c/{code}), basis, origin and issuer. */
  public record Shown(String code, agritrace.http.Message basis, String origin, String issuer) {
  }

  /** The batch's latest certificate as a unit's page shows it; null when it has none. */
  public static Future<Shown> latestShown(SqlClient client, UUID batchId) {
    return ofBatch(client, batchId).map(all -> {
      if (all.isEmpty()) {
        return null;
      }
      Certificate c = all.get(all.size() - 1);
      return new Shown(c.code(), c.basis().title(), c.origin(), c.issuer());
    });
  }

  /** A test behind a certificate's basis, as the public page shows it. */
  record BasisTest(String kind, java.time.LocalDate on, String lab, String reportNo, agritrace.http.Message judgement) {
  }

  static Future<List<BasisTest>> basisTests(SqlClient client, List<UUID> ids, java.time.ZoneId zone) {
    return client.preparedQuery(BASIS_TESTS).execute(Tuple.of((Object) ids.toArray(UUID[]::new))).map(rows -> {
      List<BasisTest> tests = new ArrayList<>();
      for (Row row : rows) {
        java.time.LocalDate on = row.getLocalDate("reported_on") != null ? row.getLocalDate("reported_on")
            : row.getOffsetDateTime("tested_at").atZoneSameInstant(zone).toLocalDate();
        tests.add(new BasisTest(row.getString("kind"), on, row.getString("lab"), row.getString("report_no"),
            agritrace.http.Message.fromJson(row.getJsonObject("message"))));
      }
      return tests;
    });
  }

  private static Certificate first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : Certificate.from(rows.iterator().next());
  }
}
