package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import agritrace.Api;
import agritrace.Farm;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Who may record a batch's tests, the phone's id sent again, and bad input: each refused with nothing stored. */
@ExtendWith(VertxExtension.class)
class TestInputTest {

  @Test
  @DisplayName("the same test sent again answers 200 with what was stored; other content under its id is a 409")
  void idempotent(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    JsonObject test = Lab.rapid(20);
    assertStatus(lab.send(lab.tester, batch, test), 201);
    Api.Response again = lab.send(lab.tester, batch, test);
    assertStatus(again, 200);
    assertEquals(test.getString("id"), again.json().getJsonObject("test").getString("id"));
    assertEquals("released", again.json().getJsonObject("batch").getString("status"));
    assertProblem(lab.send(lab.tester, batch, test.copy().put("inhibitionRate", 80)), 409, "conflict", "id");
    assertEquals(1, Lab.tests(batch));
    assertEquals("released", lab.status(batch));
  }

  @Test
  @DisplayName("impossible or missing fields are a 400 naming the field, and nothing is stored")
  void badInput(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    assertProblem(lab.send(lab.tester, batch, Lab.rapid(100.1)), 400, "invalid_field", "inhibitionRate");
    assertProblem(lab.send(lab.tester, batch, Lab.rapid(-0.1)), 400, "invalid_field", "inhibitionRate");
    assertProblem(lab.send(lab.tester, batch, Lab.rapid(10).put("sample", " ")), 400, "invalid_field", "sample");
    JsonObject noTester = Lab.rapid(10);
    noTester.remove("tester");
    assertProblem(lab.send(lab.tester, batch, noTester), 400, "invalid_field", "tester");
    assertProblem(lab.send(lab.tester, batch, Lab.rapid(10).put("kind", "guess")), 400, "invalid_field", "kind");
    assertProblem(lab.send(lab.tester, batch, lab.lab("吡虫啉", -0.01)), 400, "invalid_field", "analytes[0].value");
    assertProblem(lab.send(lab.tester, batch, Lab.lab(new JsonArray()
        .add(Lab.analyte(lab.ref.analyte("吡虫啉"), 0.1, "mg/kg")).add(Lab.analyte(lab.ref.analyte("吡虫啉"), 1, "ppm")))),
        400, "invalid_field", "analytes[1].unit");
    Api.Response unknown = lab.send(lab.tester, batch, Lab.lab(new JsonArray()
        .add(Lab.analyte(lab.ref.analyte("吡虫啉"), 0.1, "mg/kg")).add(Lab.analyte("无此农药" + lab.ref.s, 0.1, "mg/kg"))));
    assertProblem(unknown, 400, "invalid_field", "analytes[1].analyte");
    assertProblem(lab.send(lab.tester, batch, Lab.lab(new JsonArray())), 400, "invalid_field", "analytes");
    assertProblem(lab.api.postRaw("/api/v1/batches/" + batch + "/tests", lab.tester, "application/json",
        Buffer.buffer("{\"kind\": ")), 400, "malformed_json", null);
    assertProblem(lab.api.postRaw("/api/v1/batches/" + batch + "/tests", lab.tester, "text/plain",
        Buffer.buffer(Lab.rapid(10).encode())), 415, "unsupported_media_type", null);
    assertEquals(0, Lab.tests(batch));
    assertEquals("harvested", lab.status(batch));
  }

  @Test
  @DisplayName("another producer's users are refused before the body is read, a platform admin too, and no token is a 401")
  void access(Vertx vertx) {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    Farm other = new Farm(lab.api);
    assertProblem(lab.send(other.recorder, batch, Lab.rapid(10)), 403, "forbidden", null);
    assertProblem(lab.send(other.recorder, batch, new JsonObject()), 403, "forbidden", null);
    assertProblem(lab.api.get("/api/v1/batches/" + batch + "/tests", other.recorder), 403, "forbidden", null);
    assertProblem(lab.send(lab.ref.admin, batch, Lab.rapid(10)), 403, "forbidden", null);
    assertProblem(lab.send(lab.tester, Farm.newId(), Lab.rapid(10)), 404, "not_found", null);
    assertEquals(401, lab.send(null, batch, Lab.rapid(10)).status());
    assertEquals(0, Lab.tests(batch));
    String admin = lab.api.newUser(lab.farm.admin, lab.farm.producerId, "producer_admin");
    assertStatus(lab.send(admin, batch, Lab.rapid(10)), 201);
    assertStatus(lab.send(lab.farm.recorder, batch, Lab.rapid(10)), 201);
    assertEquals(2, lab.api.get("/api/v1/batches/" + batch + "/tests", lab.tester).json().getJsonArray("items").size());
  }
}
