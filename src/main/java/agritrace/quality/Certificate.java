package agritrace.quality;

import agritrace.http.Json;
import agritrace.http.Message;
import agritrace.http.Messages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A commitment certificate (承诺达标合格证) as issued: the fields of rule 农业农村部令2025年第4号 as
 * printed on the day, the basis derived from the record and the tests behind it. Never changed.
 *
 * @param commitment the catalogue code of the commitment's wording it was issued with
 * @param lotCode    the batch's lot code (read with the certificate; not stored with it)
 * @param issuedByName the name of the account that issued it (for the producer's own lists only)
 */
record Certificate(UUID id, String code, UUID batchId, UUID producerId, String lotCode, String productName,
    Amount amount, String origin, LocalDate issuedOn, String issuer, String contact, String commitment, Basis basis,
    List<UUID> basisTests, String buyer, String deliveryNote, UUID issuedBy, String issuedByName,
    OffsetDateTime issuedAt) {

  /** The wording of the commitment new certificates carry. */
  static final String COMMITMENT = "certificate.commitment";

  /** What the commitment rests on, derived from the record. */
  enum Basis {
    /** 自行检测合格: the producer's own negative rapid tests. */
    OWN_TEST,
    /** 委托检测合格: a lab's passing report. */
    COMMISSIONED_TEST,
    /** 质量安全控制符合要求: no test, where the product's rule says its quality control suffices. */
    INTERNAL_CONTROL;

    String id() {
      return name().toLowerCase();
    }

    Message title() {
      return Message.of("certificate.basis." + id());
    }

    static Basis of(String id) {
      return valueOf(id.toUpperCase());
    }
  }

  static Certificate from(Row row) {
    return new Certificate(row.getUUID("id"), row.getString("code"), row.getUUID("batch_id"),
        row.getUUID("producer_id"), row.getString("lot_code"), row.getString("product_name"),
        new Amount(row.getBigDecimal("quantity"), row.getString("quantity_unit")), row.getString("origin"),
        row.getLocalDate("issued_on"), row.getString("issuer"), row.getString("contact"), row.getString("commitment"),
        Basis.of(row.getString("basis")), Arrays.asList(row.getArrayOfUUIDs("basis_tests")), row.getString("buyer"),
        row.getString("delivery_note"), row.getUUID("issued_by"), row.getString("issued_by_name"),
        row.getOffsetDateTime("issued_at"));
  }

  /** The certificate as the API shows it to the producer's users and inspectors; {@code url} is its public page. */
  JsonObject toJson(String url, Messages.Language language) {
    JsonArray tests = new JsonArray();
    basisTests.forEach(test -> tests.add(test.toString()));
    return new JsonObject()
        .put("id", id.toString())
        .put("code", code)
        .put("url", url)
        .put("batchId", batchId.toString())
        .put("lotCode", lotCode)
        .put("productName", productName)
        .put("quantity", amount.quantity().stripTrailingZeros().doubleValue())
        .put("quantityUnit", amount.unit())
        .put("origin", origin)
        .put("issuedOn", issuedOn.toString())
        .put("issuer", issuer)
        .put("contact", contact)
        .put("commitment", Messages.toJson(Message.of(commitment), language))
        .put("basis", basis.id())
        .put("basisName", Messages.toJson(basis.title(), language))
        .put("basisTests", tests)
        .put("buyer", buyer)
        .put("deliveryNote", deliveryNote)
        .put("issuedBy", new JsonObject().put("id", issuedBy.toString()).put("name", issuedByName))
        .put("issuedAt", Json.time(issuedAt));
  }
}
