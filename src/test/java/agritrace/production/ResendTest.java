package agritrace.production;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A record sent again under a stored id is a duplicate only when it says the same; otherwise a conflict. */
@ExtendWith(VertxExtension.class)
class ResendTest {

  private Farm farm;
  private String plot;
  private String fertilizer;

  @BeforeEach
  void setUp(Vertx vertx) {
    farm = new Farm(new Api(vertx));
    plot = farm.create("plot", Farm.plot());
    fertilizer = farm.create("input", Farm.fertilizer());
  }

  private JsonObject fertilizing() {
    return Farm.operation(plot, "fertilizing", Farm.today().minusDays(2)).put("inputId", fertilizer)
        .put("inputLot", "F-7").put("quantity", 25).put("quantityUnit", "kg").put("notes", "追肥");
  }

  private static JsonObject result(Api.Response sync, int index) {
    return sync.json().getJsonArray("results").getJsonObject(index);
  }

  private String storedNotes(String id) {
    return TestServer.get().sql("SELECT notes FROM operations WHERE id = $1", UUID.fromString(id))
        .iterator().next().getString("notes");
  }

  @Test
  @DisplayName("the same content read as the server reads it is a duplicate: 25.0 is 25, the same instant in UTC is the same time")
  void sameContentIsDuplicate() {
    JsonObject op = fertilizing();
    assertEquals(1, farm.sync(new JsonArray().add(Farm.record("operation", op))).json().getInteger("created"));
    String utc = java.time.OffsetDateTime.parse(op.getString("occurredAt")).withOffsetSameInstant(java.time.ZoneOffset.UTC)
        .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    JsonObject again = op.copy().put("quantity", 25.0).put("occurredAt", utc).put("notes", "  追肥 ");
    Api.Response r = farm.sync(new JsonArray().add(Farm.record("operation", again)));
    assertEquals("duplicate", result(r, 0).getString("status"), r.json().encode());
    assertEquals(1, r.json().getInteger("duplicate"));
    assertEquals(0, r.json().getInteger("conflict"));
    assertEquals(1, farm.count("operations"));
  }

  @Test
  @DisplayName("a resend with other content is a conflict naming the id, and the stored record keeps what it said")
  void differentContentIsConflict() {
    JsonObject op = fertilizing();
    farm.sync(new JsonArray().add(Farm.record("operation", op)));
    JsonArray changed = new JsonArray()
        .add(Farm.record("operation", op.copy().put("notes", "追肥两次")))
        .add(Farm.record("operation", Farm.operation(plot, "irrigation", Farm.today())));
    Api.Response r = farm.sync(changed);
    assertStatus(r, 200);
    JsonObject conflict = result(r, 0);
    assertEquals("conflict", conflict.getString("status"));
    assertEquals("records.conflict", conflict.getString("code"));
    assertEquals(op.getString("id"), conflict.getJsonObject("args").getString("id"));
    assertEquals("id", conflict.getString("field"));
    assertEquals("created", result(r, 1).getString("status"), "the other records of the request go on");
    assertEquals(1, r.json().getInteger("conflict"));
    assertEquals("追肥", storedNotes(op.getString("id")));
    assertEquals(2, farm.count("operations"));
  }

  @Test
  @DisplayName("the same id twice in one request: the second copy is a duplicate if it says the same, a conflict if not")
  void twiceInOneRequest() {
    JsonObject op = fertilizing();
    JsonObject other = fertilizing();
    Api.Response r = farm.sync(new JsonArray()
        .add(Farm.record("operation", op)).add(Farm.record("operation", op.copy()))
        .add(Farm.record("operation", other)).add(Farm.record("operation", other.copy().put("quantity", 30))));
    assertEquals("created", result(r, 0).getString("status"));
    assertEquals("duplicate", result(r, 1).getString("status"));
    assertEquals("sync.sent_twice", result(r, 1).getString("code"));
    assertEquals("created", result(r, 2).getString("status"));
    assertEquals("conflict", result(r, 3).getString("status"));
    assertEquals(2, farm.count("operations"));

    JsonObject nowhere = fertilizing().put("plotId", Farm.newId());
    Api.Response refused = farm.sync(new JsonArray().add(Farm.record("operation", nowhere))
        .add(Farm.record("operation", nowhere.copy())));
    assertEquals("rejected", result(refused, 0).getString("status"));
    assertEquals("rejected", result(refused, 1).getString("status"), "a copy is not stored when its first copy is not");
    assertEquals("records.plot_unknown", result(refused, 1).getString("code"));
  }

  @Test
  @DisplayName("on the single-record endpoints a resend that differs is a 409; one that says the same is a 200")
  void singleEndpoints() {
    JsonObject plotRecord = Farm.plot();
    farm.create("plot", plotRecord);
    assertStatus(farm.api.post("/api/v1/plots", farm.recorder, plotRecord.copy().put("size", 2.50)), 200);
    Api.Response renamed = farm.api.post("/api/v1/plots", farm.recorder, plotRecord.copy().put("name", "三号大棚"));
    assertProblem(renamed, 409, "conflict", "id");
    assertEquals("records.conflict", renamed.json().getString("code"));

    JsonObject input = Farm.pesticide(7);
    farm.create("input", input);
    assertProblem(farm.api.post("/api/v1/inputs", farm.recorder, input.copy().put("intervalDays", 14)), 409, "conflict", "id");

    JsonObject op = fertilizing();
    farm.create("operation", op);
    assertProblem(farm.api.post("/api/v1/operations", farm.recorder, op.copy().put("inputLot", "F-8")), 409, "conflict", "id");
    assertEquals(1, TestServer.get().count("SELECT count(*) FROM operations WHERE id = $1", UUID.fromString(op.getString("id"))));
  }

  @Test
  @DisplayName("a plot resent without its recordedAt says the same: a field the phone leaves out is not compared")
  void fieldLeftOut() {
    JsonObject plotRecord = Farm.plot().put("recordedAt", Farm.at(Farm.today().minusDays(1)));
    farm.create("plot", plotRecord);
    JsonObject without = plotRecord.copy();
    without.remove("recordedAt");
    assertStatus(farm.api.post("/api/v1/plots", farm.recorder, without), 200);
  }

  @Test
  @DisplayName("a correction resent with another reason is a conflict; resent as it was, a duplicate")
  void correctionResent() {
    JsonObject op = fertilizing();
    farm.create("operation", op);
    JsonObject fix = Farm.correcting(op, "数量记错").put("quantity", 20);
    farm.create("operation", fix);
    assertStatus(farm.api.post("/api/v1/operations", farm.recorder, fix), 200);
    assertProblem(farm.api.post("/api/v1/operations", farm.recorder, fix.copy().put("correctionReason", "别的原因")),
        409, "conflict", "id");
    assertEquals(2, farm.count("operations"));
  }
}
