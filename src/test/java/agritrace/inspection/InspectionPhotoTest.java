package agritrace.inspection;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class InspectionPhotoTest {

  private Visit visit;
  private String inspection;
  private byte[] jpeg;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    visit = new Visit(new Api(vertx));
    inspection = visit.filed(visit.inspection()).getString("id");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB), "jpg", out);
    jpeg = out.toByteArray();
  }

  private String photoPath(String photoId, String item) {
    return "/api/v1/inspections/" + inspection + "/photos/" + photoId + (item == null ? "" : "?item=" + item);
  }

  private Api.Response upload(String token, String photoId, String item) {
    return visit.api.sendRaw(HttpMethod.PUT, photoPath(photoId, item), token, "image/jpeg", Buffer.buffer(jpeg));
  }

  private long photos() {
    return TestServer.get().count("SELECT count(*) FROM photos WHERE record_kind = 'inspection' AND record_id = $1",
        UUID.fromString(inspection));
  }

  @Test
  @DisplayName("an inspector's photo of a failed item is stored once under its item, and the inspection shows it beside that answer")
  void photoOfAnItem() {
    String photo = UUID.randomUUID().toString();
    Api.Response r = upload(visit.inspector, photo, "inputs_stored");
    assertStatus(r, 201);
    assertEquals("inputs_stored", r.json().getString("item"));
    assertEquals(inspection, r.json().getString("inspectionId"));
    assertStatus(upload(visit.inspector, photo, "inputs_stored"), 200);
    assertProblem(upload(visit.inspector, photo, "rules_posted"), 409, "conflict", "photoId");
    String whole = UUID.randomUUID().toString();
    assertStatus(upload(visit.inspector, whole, null), 201);
    assertEquals(2, photos());
    JsonObject row = TestServer.get().sql("SELECT item_id, producer_id, bytes FROM photos WHERE id = $1",
        UUID.fromString(photo)).iterator().next().toJson();
    assertEquals("inputs_stored", row.getString("item_id"));
    assertEquals(visit.farm.producerId, row.getString("producer_id"));

    JsonObject detail = visit.api.get("/api/v1/inspections/" + inspection, visit.producerAdmin).json();
    JsonArray answers = detail.getJsonArray("answers");
    JsonObject failed = answers.getJsonObject(3);
    assertEquals("inputs_stored", failed.getString("item"));
    assertEquals(1, failed.getJsonArray("photos").size());
    assertEquals(photo, failed.getJsonArray("photos").getJsonObject(0).getString("id"));
    assertEquals(0, answers.getJsonObject(0).getJsonArray("photos").size());
    assertEquals(2, detail.getJsonArray("photos").size());

    Api.Response image = visit.api.get(photoPath(photo, null), visit.producerAdmin);
    assertStatus(image, 200);
    assertArrayEquals(jpeg, image.raw().bodyAsBuffer().getBytes());
    assertStatus(visit.api.get(photoPath(photo, null), visit.inspector), 200);
  }

  @Test
  @DisplayName("a photo naming an item the inspection lacks, or any item on an operation, is refused and nothing is stored")
  void unknownItem() {
    assertProblem(upload(visit.inspector, UUID.randomUUID().toString(), "smoke_detector"), 400, "invalid_field", "item");
    assertProblem(upload(visit.inspector, UUID.randomUUID().toString(), "x".repeat(41)), 400, "invalid_field", "item");
    assertEquals(0, photos());
    String plot = visit.farm.create("plot", agritrace.Farm.plot());
    String operation = visit.farm.create("operation", agritrace.Farm.operation(plot, "weeding", agritrace.Farm.today()));
    Api.Response r = visit.api.sendRaw(HttpMethod.PUT, "/api/v1/operations/" + operation + "/photos/" + UUID.randomUUID()
        + "?item=rules_posted", visit.farm.recorder, "image/jpeg", Buffer.buffer(jpeg));
    assertProblem(r, 400, "invalid_field", "item");
    assertEquals("photos.no_items", r.json().getString("code"));
  }

  @Test
  @DisplayName("only inspectors attach photos to an inspection; other producers' users see none of them")
  void roles() {
    for (String token : new String[] {visit.producerAdmin, visit.farm.recorder, visit.farm.admin}) {
      assertProblem(upload(token, UUID.randomUUID().toString(), "inputs_stored"), 403, "forbidden", null);
    }
    assertProblem(visit.api.sendRaw(HttpMethod.PUT, "/api/v1/inspections/" + UUID.randomUUID() + "/photos/"
        + UUID.randomUUID(), visit.inspector, "image/jpeg", Buffer.buffer(jpeg)), 404, "not_found", null);
    assertEquals(0, photos());
    String photo = UUID.randomUUID().toString();
    assertStatus(upload(visit.inspector, photo, "inputs_stored"), 201);
    String other = visit.api.newProducer(visit.farm.admin);
    String outsider = visit.api.newUser(visit.farm.admin, other, "producer_admin");
    assertProblem(visit.api.get(photoPath(photo, null), outsider), 403, "forbidden", null);
    assertProblem(visit.api.get("/api/v1/inspections/" + inspection, outsider), 403, "forbidden", null);
  }
}
