package agritrace.production;

import agritrace.Farm;
import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
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
class PhotoTest {

  private Vertx vertx;
  private Farm farm;
  private String operation;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    farm = new Farm(new Api(vertx));
    String plot = farm.create("plot", Farm.plot());
    operation = farm.create("operation", Farm.operation(plot, "weeding", Farm.today()));
  }

  private static byte[] image(String format) throws Exception {
    BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    img.setRGB(3, 4, 0x33aa33);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, format, out);
    return out.toByteArray();
  }

  private HttpResponse<Buffer> put(String photoId, String token, String contentType, byte[] bytes) {
    return put(operation, photoId, token, contentType, bytes);
  }

  private HttpResponse<Buffer> put(String operationId, String photoId, String token, String contentType, byte[] bytes) {
    var request = WebClient.create(vertx).request(HttpMethod.PUT, TestServer.get().port(), "localhost",
        "/api/v1/operations/" + operationId + "/photos/" + photoId);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return TestServer.await(request.putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(bytes)));
  }

  private static Api.Response wrap(HttpResponse<Buffer> r) {
    return new Api.Response(r.statusCode(), r);
  }

  @Test
  @DisplayName("a JPEG and a PNG are stored once each and shown to the producer's users and inspectors only")
  void validPhotos() throws Exception {
    byte[] jpeg = image("jpg");
    String photo = UUID.randomUUID().toString();
    assertStatus(wrap(put(photo, farm.recorder, "image/jpeg", jpeg)), 201);
    assertStatus(wrap(put(photo, farm.recorder, "image/jpeg", jpeg)), 200);
    assertStatus(wrap(put(UUID.randomUUID().toString(), farm.recorder, "image/png", image("png"))), 201);
    assertEquals(2, TestServer.get().count("SELECT count(*) FROM photos WHERE operation_id = $1", UUID.fromString(operation)));

    String path = "/api/v1/operations/" + operation + "/photos/" + photo;
    Api.Response mine = farm.api.get(path, farm.recorder);
    assertStatus(mine, 200);
    assertEquals("image/jpeg", mine.header("Content-Type"));
    assertArrayEquals(jpeg, mine.raw().bodyAsBuffer().getBytes());
    assertStatus(farm.api.get(path, farm.api.newUser(farm.admin, null, "inspector")), 200);
    assertProblem(farm.api.get(path, new Farm(farm.api).recorder), 403, "forbidden", null);
    assertProblem(farm.api.get(path, farm.admin), 403, "forbidden", null);
    assertProblem(farm.api.get(path, null), 401, "unauthorized", null);
    assertEquals(2, farm.api.get("/api/v1/operations/" + operation, farm.recorder).json().getJsonArray("photos").size());

    // Evidence: the database refuses to change or delete a photo.
    UUID id = UUID.fromString(photo);
    assertThrows(IllegalStateException.class, () -> TestServer.get().sql("UPDATE photos SET size = 1 WHERE id = $1", id));
    assertThrows(IllegalStateException.class, () -> TestServer.get().sql("DELETE FROM photos WHERE id = $1", id));
    assertArrayEquals(jpeg, farm.api.get(path, farm.recorder).raw().bodyAsBuffer().getBytes());
  }

  @Test
  @DisplayName("a photo of exactly 5 MiB is taken")
  void largestPhoto() throws Exception {
    byte[] jpeg = image("jpg");
    byte[] largest = java.util.Arrays.copyOf(jpeg, 5 * 1024 * 1024);
    String photo = UUID.randomUUID().toString();
    assertStatus(wrap(put(photo, farm.recorder, "image/jpeg", largest)), 201);
    Api.Response back = farm.api.get("/api/v1/operations/" + operation + "/photos/" + photo, farm.recorder);
    assertEquals(5 * 1024 * 1024, back.raw().bodyAsBuffer().length());
  }

  @Test
  @DisplayName("a text file named and declared as a JPEG is refused by its content")
  void disguisedFile() {
    byte[] text = "这不是照片 — just text in a file called photo.jpg".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertProblem(wrap(put(UUID.randomUUID().toString(), farm.recorder, "image/jpeg", text)), 400, "invalid_field", "body");
    assertProblem(wrap(put(UUID.randomUUID().toString(), farm.recorder, "application/octet-stream", text)),
        415, "unsupported_media_type", null);
    assertEquals(0, TestServer.get().count("SELECT count(*) FROM photos WHERE operation_id = $1", UUID.fromString(operation)));
  }

  @Test
  @DisplayName("a PNG declared as JPEG, a photo over 5 MiB, another photo under a used id, another producer's or an unknown operation are refused")
  void refusedUploads() throws Exception {
    assertProblem(wrap(put(UUID.randomUUID().toString(), farm.recorder, "image/jpeg", image("png"))), 400, "invalid_field", "body");
    byte[] big = new byte[5 * 1024 * 1024 + 1];
    System.arraycopy(image("jpg"), 0, big, 0, 3);
    assertProblem(wrap(put(UUID.randomUUID().toString(), farm.recorder, "image/jpeg", big)), 413, "payload_too_large", null);
    String photo = UUID.randomUUID().toString();
    assertStatus(wrap(put(photo, farm.recorder, "image/png", image("png"))), 201);
    assertProblem(wrap(put(photo, farm.recorder, "image/jpeg", image("jpg"))), 409, "conflict", "photoId");
    assertProblem(wrap(put(UUID.randomUUID().toString(), new Farm(farm.api).recorder, "image/png", image("png"))),
        403, "forbidden", null);
    assertProblem(wrap(put(UUID.randomUUID().toString(), null, "image/png", image("png"))), 401, "unauthorized", null);
    assertProblem(wrap(put(UUID.randomUUID().toString(), UUID.randomUUID().toString(), farm.recorder, "image/png", image("png"))),
        404, "not_found", null);
    assertProblem(wrap(put("not-a-uuid", UUID.randomUUID().toString(), farm.recorder, "image/png", image("png"))),
        404, "not_found", null);
    assertEquals(1, TestServer.get().count("SELECT count(*) FROM photos WHERE operation_id = $1", UUID.fromString(operation)));
  }
}
