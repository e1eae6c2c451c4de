package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A correction of a test is a new test naming the one it corrects, and judges the batch again. */
@ExtendWith(VertxExtension.class)
class CorrectionTest {

  private static JsonObject correcting(JsonObject earlier, JsonObject corrected) {
    return corrected.put("corrects", earlier.getString("id")).put("correctionReason", "读数抄错");
  }

  @Test
  @DisplayName("a positive rapid test corrected to a negative reading releases the batch it held, as a recorded status change")
  void liftsItsHold(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    JsonObject positive = Lab.rapid(55);
    lab.test(batch, positive);
    Api.Response r = lab.send(lab.tester, batch, correcting(positive, Lab.rapid(5.5)));
    assertStatus(r, 201);
    assertEquals("released", r.json().getJsonObject("batch").getString("status"));
    assertEquals("quality.batch_released_by_correction", r.json().getJsonObject("batch").getJsonObject("reason").getString("code"));
    assertEquals(positive.getString("id"), r.json().getJsonObject("test").getString("corrects"));
    assertEquals("released", lab.status(batch));
    JsonArray tests = lab.api.get("/api/v1/batches/" + batch + "/tests", lab.tester).json().getJsonArray("items");
    assertEquals(r.json().getJsonObject("test").getString("id"), tests.getJsonObject(0).getString("correctedBy"));
    assertEquals(2, Lab.tests(batch));
  }

  @Test
  @DisplayName("a lab value over the limit corrected to one within it leaves the rejected batch rejected, and says so")
  void finalStaysFinal(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    JsonObject over = lab.lab("吡虫啉", 5);
    lab.test(batch, over);
    assertEquals("rejected", lab.status(batch));
    Api.Response r = lab.send(lab.tester, batch, correcting(over, lab.lab("吡虫啉", 0.05)));
    assertStatus(r, 201);
    assertEquals("quality.effect_final_corrected", r.json().getJsonObject("test").getJsonObject("effectMessage").getString("code"));
    assertEquals("rejected", lab.status(batch));
    assertEquals(1, TestServer.get().count("SELECT count(*) FROM quality_tests WHERE corrects = $1",
        UUID.fromString(over.getString("id"))));
  }

  @Test
  @DisplayName("a correction must name a test of the same batch, of its kind, not corrected already, and say why")
  void refused(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    String other = lab.qingcai();
    JsonObject earlier = Lab.rapid(10);
    lab.test(batch, earlier);
    assertProblem(lab.send(lab.tester, other, correcting(earlier, Lab.rapid(11))), 409, "conflict", "corrects");
    assertProblem(lab.send(lab.tester, batch, correcting(earlier, lab.lab("吡虫啉", 0.1))), 400, "invalid_field", "kind");
    JsonObject noReason = correcting(earlier, Lab.rapid(11));
    noReason.remove("correctionReason");
    assertProblem(lab.send(lab.tester, batch, noReason), 400, "invalid_field", "correctionReason");
    assertStatus(lab.send(lab.tester, batch, correcting(earlier, Lab.rapid(11))), 201);
    assertProblem(lab.send(lab.tester, batch, correcting(earlier, Lab.rapid(12))), 409, "conflict", "corrects");
    assertEquals(2, Lab.tests(batch));
    assertEquals(0, Lab.tests(other));
  }

  @Test
  @DisplayName("an official test is corrected only by an inspector")
  void official(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String inspector = lab.api.newUser(lab.farm.admin, null, "inspector");
    String batch = lab.qingcai();
    JsonObject spotCheck = Lab.rapid(75);
    assertStatus(lab.send(inspector, batch, spotCheck), 201);
    assertProblem(lab.send(lab.tester, batch, correcting(spotCheck, Lab.rapid(5))), 403, "forbidden", null);
    assertEquals("held", lab.status(batch));
    assertEquals("released", lab.send(inspector, batch, correcting(spotCheck, Lab.rapid(5))).json()
        .getJsonObject("batch").getString("status"));
  }
}
