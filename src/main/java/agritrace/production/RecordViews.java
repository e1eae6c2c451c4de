package agritrace.production;

import agritrace.http.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.util.UUID;

/** Row to JSON for each production record table: the one place each record's shape is written. */
final class RecordViews {

  private RecordViews() {
  }

  static JsonObject of(RecordType type, Row row) {
    JsonObject json = switch (type) {
      case PLOT -> unit(row);
      case INPUT -> input(row);
      case OPERATION -> operation(row);
    };
    json.put("id", row.getUUID("id").toString())
        .put("recordId", row.getUUID("root_id").toString())
        .put("revision", row.getInteger("revision"))
        .put("producerId", row.getUUID("producer_id").toString())
        .put("receivedAt", Json.time(row.getOffsetDateTime("received_at")))
        .put("recordedBy", row.getUUID("recorded_by").toString());
    if (row.getInteger("revision") > 0) {
      json.put("correctionReason", row.getString("correction_reason"));
    }
    return json;
  }

  private static JsonObject unit(Row row) {
    return new JsonObject()
        .put("name", row.getString("name"))
        .put("kind", row.getString("kind"))
        .put("size", number(row.getBigDecimal("size")))
        .put("sizeUnit", row.getString("size_unit"))
        .put("lat", row.getDouble("lat"))
        .put("lon", row.getDouble("lon"))
        .put("crop", row.getString("crop"))
        .put("recordedAt", Json.time(row.getOffsetDateTime("recorded_at")));
  }

  private static JsonObject input(Row row) {
    return new JsonObject()
        .put("name", row.getString("name"))
        .put("kind", row.getString("kind"))
        .put("registrationNo", row.getString("registration_no"))
        .put("activeIngredients", new JsonArray(java.util.List.of(row.getArrayOfStrings("active_ingredients"))))
        .put("intervalDays", row.getInteger("interval_days"))
        .put("intervalsByCrop", row.getJsonObject("intervals_by_crop"))
        .put("recordedAt", Json.time(row.getOffsetDateTime("recorded_at")));
  }

  private static JsonObject operation(Row row) {
    UUID inputId = row.getUUID("input_id");
    JsonObject json = new JsonObject()
        .put("plotId", row.getUUID("unit_id").toString())
        .put("type", row.getString("type"))
        .put("occurredAt", row.getOffsetDateTime("occurred_at")
            .withOffsetSameInstant(java.time.ZoneOffset.of(row.getString("occurred_offset")))
            .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .put("date", row.getLocalDate("local_date").toString())
        .put("notes", row.getString("notes"))
        .put("inputId", inputId == null ? null : inputId.toString())
        .put("inputLot", row.getString("input_lot"))
        .put("dose", number(row.getBigDecimal("dose")))
        .put("doseUnit", row.getString("dose_unit"))
        .put("quantity", number(row.getBigDecimal("quantity")))
        .put("quantityUnit", row.getString("quantity_unit"))
        .put("crop", row.getString("crop"));
    if (row.getColumnIndex("input_name") >= 0) {
      json.put("inputName", row.getString("input_name"));
    }
    return json;
  }

  /** A stored decimal as a JSON number, without trailing zeros. */
  static Number number(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal plain = value.stripTrailingZeros();
    if (plain.scale() <= 0) {
      return plain.longValueExact();
    }
    return plain.doubleValue();
  }
}
