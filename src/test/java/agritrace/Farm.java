package agritrace;

import static agritrace.ApiAssertions.assertStatus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A producer with a recorder, and builders for the records a phone sends. */
public final class Farm {

  public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  public final Api api;
  public final String admin;
  public final String producerId;
  public final String recorder;

  public Farm(Api api) {
    this(api, Api.cooperative());
  }

  /** A farm whose producer is registered with this body (a name, an address of its own). */
  public Farm(Api api, JsonObject producer) {
    this.api = api;
    this.admin = api.adminToken();
    Api.Response registered = api.post("/api/v1/producers", admin, producer);
    assertStatus(registered, 201);
    this.producerId = registered.json().getString("id");
    this.recorder = api.newUser(admin, producerId, "recorder");
  }

  /** How many rows of a table belong to this producer. */
  public long count(String table) {
    return agritrace.TestServer.get().count("SELECT count(*) FROM " + table + " WHERE producer_id = $1", UUID.fromString(producerId));
  }

  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** A time on a given day, 09:30 in China (or just now, if that is still to come), as a phone sends it. */
  public static String at(LocalDate day) {
    OffsetDateTime time = OffsetDateTime.of(day.atTime(9, 30), CHINA);
    OffsetDateTime now = OffsetDateTime.now(CHINA).withNano(0).minusMinutes(1);
    return (time.isAfter(now) ? now : time).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  public static LocalDate today() {
    return LocalDate.now(CHINA);
  }

  public static JsonObject plot() {
    return new JsonObject().put("id", newId()).put("name", "一号大棚").put("kind", "greenhouse")
        .put("size", 2.5).put("sizeUnit", "mu").put("crop", "青菜").put("lat", 30.25).put("lon", 120.15);
  }

  public static JsonObject pesticide(int intervalDays) {
    return new JsonObject().put("id", newId()).put("name", "吡虫啉").put("kind", "pesticide")
        .put("registrationNo", "PD20070123").put("activeIngredients", new JsonArray().add("吡虫啉"))
        .put("intervalDays", intervalDays);
  }

  public static JsonObject fertilizer() {
    return new JsonObject().put("id", newId()).put("name", "有机肥").put("kind", "fertilizer");
  }

  public static JsonObject operation(String plotId, String type, LocalDate day) {
    return new JsonObject().put("id", newId()).put("plotId", plotId).put("type", type).put("occurredAt", at(day));
  }

  public static JsonObject spraying(String plotId, String inputId, LocalDate day) {
    return operation(plotId, "pesticide_application", day).put("inputId", inputId).put("inputLot", "L2026-07")
        .put("dose", 20).put("doseUnit", "ml_per_mu").put("quantity", 50).put("quantityUnit", "ml");
  }

  public static JsonObject harvest(String plotId, LocalDate day) {
    return operation(plotId, "harvest", day).put("crop", "青菜").put("quantity", 300).put("quantityUnit", "kg");
  }

  /** A correction of {@code record}: a copy under a new id, naming the record it corrects and why. */
  public static JsonObject correcting(JsonObject record, String reason) {
    return record.copy().put("id", newId()).put("corrects", record.getString("id")).put("correctionReason", reason);
  }

  /** Posts one record to its endpoint as the recorder, expecting it to be created. */
  public String create(String type, JsonObject data) {
    Api.Response r = api.post("/api/v1/" + type + "s", recorder, data);
    assertStatus(r, 201);
    return data.getString("id");
  }

  public Api.Response sync(JsonArray records) {
    return api.post("/api/v1/sync", recorder, new JsonObject().put("records", records));
  }

  public static JsonObject record(String type, JsonObject data) {
    return new JsonObject().put("type", type).put("data", data);
  }
}
