package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Photos of tests (the test card, an inspector's sample), on the real server and database. */
@ExtendWith(VertxExtension.class)
class TestPhotoTest {

  private static byte[] jpeg() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB), "jpg", out);
    return out.toByteArray();
  }

  private static Api.Response put(Lab lab, String testId, String photoId, String token, byte[] bytes) {
    return lab.api.sendRaw(HttpMethod.PUT, "/api/v1/tests/" + testId + "/photos/" + photoId, token, "image/jpeg",
        Buffer.buffer(bytes));
  }

  private static long photos(String testId) {
    return TestServer.get().count("SELECT count(*) FROM photos WHERE record_kind = 'test' AND record_id = $1",
        UUID.fromString(testId));
  }

  @Test
  @DisplayName("a tester attaches the test card's photo after the test; the tests list shows it and the producer's users see it")
  void cardPhoto(Vertx vertx) throws Exception {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    JsonObject rapid = Lab.rapid(20);
    lab.test(batch, rapid);
    String testId = rapid.getString("id");
    String photo = Farm.newId();
    byte[] card = jpeg();
    Api.Response created = put(lab, testId, photo, lab.tester, card);
    assertStatus(created, 201);
    assertEquals(testId, created.json().getString("testId"));
    assertEquals("created", created.json().getString("status"));
    assertStatus(put(lab, testId, photo, lab.tester, card), 200);

    JsonArray items = lab.api.get("/api/v1/batches/" + batch + "/tests", lab.farm.recorder).json().getJsonArray("items");
    JsonArray shown = items.getJsonObject(0).getJsonArray("photos");
    assertEquals(1, shown.size());
    assertEquals(photo, shown.getJsonObject(0).getString("id"));
    assertEquals(testId, shown.getJsonObject(0).getString("testId"));
    Api.Response image = lab.api.get("/api/v1/tests/" + testId + "/photos/" + photo, lab.farm.recorder);
    assertStatus(image, 200);
    assertArrayEquals(card, image.raw().bodyAsBuffer().getBytes());

    Row row = TestServer.get().sql("SELECT producer_id, record_kind FROM photos WHERE id = $1", UUID.fromString(photo))
        .iterator().next();
    assertEquals(lab.farm.producerId, row.getUUID("producer_id").toString());
    assertEquals("test", row.getString("record_kind"));
    assertEquals(1, photos(testId));
  }

  @Test
  @DisplayName("another producer's users, a platform admin and an inspector on a producer's own test are refused before the body is read")
  void refused(Vertx vertx) throws Exception {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    JsonObject rapid = Lab.rapid(20);
    lab.test(batch, rapid);
    String testId = rapid.getString("id");
    Farm other = new Farm(lab.api);
    String inspector = lab.api.newUser(lab.farm.admin, null, "inspector");
    byte[] card = jpeg();
    assertProblem(put(lab, testId, Farm.newId(), other.recorder, card), 403, "forbidden", null);
    assertProblem(put(lab, testId, Farm.newId(), other.recorder, "not an image".getBytes()), 403, "forbidden", null);
    assertProblem(put(lab, testId, Farm.newId(), lab.ref.admin, card), 403, "forbidden", null);
    Api.Response inspectors = put(lab, testId, Farm.newId(), inspector, card);
    assertProblem(inspectors, 403, "forbidden", null);
    assertEquals("quality.photo_official_only", inspectors.json().getString("code"));
    assertProblem(put(lab, Farm.newId(), Farm.newId(), lab.tester, card), 404, "not_found", null);
    assertProblem(put(lab, testId, Farm.newId(), lab.tester, "not an image".getBytes()), 400, "invalid_field", "body");
    assertEquals(0, photos(testId));

    String photo = Farm.newId();
    assertStatus(put(lab, testId, photo, lab.tester, card), 201);
    assertProblem(lab.api.get("/api/v1/tests/" + testId + "/photos/" + photo, other.recorder), 403, "forbidden", null);
    assertStatus(lab.api.get("/api/v1/tests/" + testId + "/photos/" + photo, inspector), 200);
    assertProblem(lab.api.get("/api/v1/batches/" + batch + "/tests", other.recorder), 403, "forbidden", null);
  }

  @Test
  @DisplayName("an inspector attaches a photo to a spot check, which the producer's users then see with the test")
  void spotCheckPhoto(Vertx vertx) throws Exception {
    Lab lab = new Lab(vertx);
    String batch = lab.qingcai();
    String inspector = lab.api.newUser(lab.farm.admin, null, "inspector");
    JsonObject spotCheck = Lab.rapid(65);
    assertStatus(lab.send(inspector, batch, spotCheck), 201);
    String testId = spotCheck.getString("id");
    String photo = Farm.newId();
    assertStatus(put(lab, testId, photo, inspector, jpeg()), 201);
    JsonObject shown = lab.api.get("/api/v1/batches/" + batch + "/tests", lab.tester).json().getJsonArray("items")
        .getJsonObject(0);
    assertEquals(true, shown.getBoolean("official"));
    assertEquals(photo, shown.getJsonArray("photos").getJsonObject(0).getString("id"));
    assertStatus(lab.api.get("/api/v1/tests/" + testId + "/photos/" + photo, lab.tester), 200);
    assertEquals(lab.farm.producerId, TestServer.get().sql("SELECT producer_id FROM photos WHERE id = $1",
        UUID.fromString(photo)).iterator().next().getUUID("producer_id").toString());
  }
}
