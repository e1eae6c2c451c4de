package agritrace.photos;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import agritrace.http.Auth;
import agritrace.http.Errors;
import agritrace.http.Role;
import agritrace.http.Sessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PhotoTest {

  private static final byte[] TEXT = "这不是照片 — just text in a file called photo.jpg".getBytes(StandardCharsets.UTF_8);

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

  private Api.Response put(String photoId, String token, String contentType, byte[] bytes) {
    return put(TestServer.get().port(), "/api/v1/operations/" + operation + "/photos/" + photoId, token, contentType, bytes);
  }

  private Api.Response put(int port, String path, String token, String contentType, byte[] bytes) {
    var request = WebClient.create(vertx).request(HttpMethod.PUT, port, "localhost", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    HttpResponse<Buffer> r = TestServer.await(request.putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(bytes)));
    return new Api.Response(r.statusCode(), r);
  }

  private long stored() {
    return TestServer.get().count("SELECT count(*) FROM photos WHERE record_kind = 'operation' AND record_id = $1",
        UUID.fromString(operation));
  }

  @Test
  @DisplayName("a JPEG and a PNG are stored once each and shown to the producer's users and inspectors only")
  void validPhotos() throws Exception {
    byte[] jpeg = image("jpg");
    String photo = UUID.randomUUID().toString();
    Api.Response created = put(photo, farm.recorder, "image/jpeg", jpeg);
    assertStatus(created, 201);
    assertEquals(operation, created.json().getString("operationId"));
    assertEquals("duplicate", put(photo, farm.recorder, "image/jpeg", jpeg).json().getString("status"));
    assertStatus(put(UUID.randomUUID().toString(), farm.recorder, "image/png", image("png")), 201);
    assertEquals(2, stored());

    String path = "/api/v1/operations/" + operation + "/photos/" + photo;
    Api.Response mine = farm.api.get(path, farm.recorder);
    assertStatus(mine, 200);
    assertEquals("image/jpeg", mine.header("Content-Type"));
    assertArrayEquals(jpeg, mine.raw().bodyAsBuffer().getBytes());
    assertStatus(farm.api.get(path, farm.api.newUser(farm.admin, null, "inspector")), 200);
    assertProblem(farm.api.get(path, new Farm(farm.api).recorder), 403, "forbidden", null);
    assertProblem(farm.api.get(path, farm.admin), 403, "forbidden", null);
    assertProblem(farm.api.get(path, null), 401, "unauthorized", null);
    assertProblem(farm.api.get("/api/v1/operations/" + operation + "/photos/" + UUID.randomUUID(), farm.recorder),
        404, "not_found", null);
    JsonArray listed = farm.api.get("/api/v1/operations/" + operation, farm.recorder).json().getJsonArray("photos");
    assertEquals(2, listed.size());
    assertEquals(photo, listed.getJsonObject(0).getString("id"));
    assertEquals(operation, listed.getJsonObject(0).getString("operationId"));

    // Evidence: the database refuses to change or delete a photo.
    UUID id = UUID.fromString(photo);
    assertThrows(IllegalStateException.class, () -> TestServer.get().sql("UPDATE photos SET size = 1 WHERE id = $1", id));
    assertThrows(IllegalStateException.class, () -> TestServer.get().sql("DELETE FROM photos WHERE id = $1", id));
    assertArrayEquals(jpeg, farm.api.get(path, farm.recorder).raw().bodyAsBuffer().getBytes());
  }

  @Test
  @DisplayName("a photo of exactly 5 MiB is taken")
  void largestPhoto() throws Exception {
    byte[] largest = Arrays.copyOf(image("jpg"), 5 * 1024 * 1024);
    String photo = UUID.randomUUID().toString();
    assertStatus(put(photo, farm.recorder, "image/jpeg", largest), 201);
    Api.Response back = farm.api.get("/api/v1/operations/" + operation + "/photos/" + photo, farm.recorder);
    assertEquals(5 * 1024 * 1024, back.raw().bodyAsBuffer().length());
  }

  @Test
  @DisplayName("a text file named and declared as a JPEG is refused by its content")
  void disguisedFile() {
    assertProblem(put(UUID.randomUUID().toString(), farm.recorder, "image/jpeg", TEXT), 400, "invalid_field", "body");
    assertProblem(put(UUID.randomUUID().toString(), farm.recorder, "image/jpeg", new byte[0]), 400, "invalid_field", "body");
    assertProblem(put(UUID.randomUUID().toString(), farm.recorder, "application/octet-stream", TEXT),
        415, "unsupported_media_type", null);
    assertEquals(0, stored());
  }

  @Test
  @DisplayName("a PNG declared as JPEG, a photo over 5 MiB, another photo under a used id, another producer's or an unknown operation are refused")
  void refusedUploads() throws Exception {
    assertProblem(put(UUID.randomUUID().toString(), farm.recorder, "image/jpeg", image("png")), 400, "invalid_field", "body");
    byte[] big = new byte[5 * 1024 * 1024 + 1];
    System.arraycopy(image("jpg"), 0, big, 0, 3);
    assertProblem(put(UUID.randomUUID().toString(), farm.recorder, "image/jpeg", big), 413, "payload_too_large", null);
    String photo = UUID.randomUUID().toString();
    assertStatus(put(photo, farm.recorder, "image/png", image("png")), 201);
    assertProblem(put(photo, farm.recorder, "image/jpeg", image("jpg")), 409, "conflict", "photoId");
    assertProblem(put(UUID.randomUUID().toString(), new Farm(farm.api).recorder, "image/png", image("png")),
        403, "forbidden", null);
    assertProblem(put(UUID.randomUUID().toString(), null, "image/png", image("png")), 401, "unauthorized", null);
    int port = TestServer.get().port();
    assertProblem(put(port, "/api/v1/operations/" + UUID.randomUUID() + "/photos/" + UUID.randomUUID(), farm.recorder,
        "image/png", image("png")), 404, "not_found", null);
    assertProblem(put(port, "/api/v1/operations/not-a-uuid/photos/" + UUID.randomUUID(), farm.recorder,
        "image/png", image("png")), 404, "not_found", null);
    assertEquals(1, stored());
  }

  @Test
  @DisplayName("an upload by someone who may not attach is refused before its body is judged, whatever it holds")
  void accessBeforeBody() {
    String outsider = new Farm(farm.api).recorder;
    String inspector = farm.api.newUser(farm.admin, null, "inspector");
    String tester = farm.api.newUser(farm.admin, farm.producerId, "tester");
    for (String token : List.of(outsider, inspector, tester)) {
      assertProblem(put(UUID.randomUUID().toString(), token, "image/jpeg", TEXT), 403, "forbidden", null);
      assertProblem(put(UUID.randomUUID().toString(), token, "application/octet-stream", TEXT), 403, "forbidden", null);
      assertProblem(put(UUID.randomUUID().toString(), token, "image/png", new byte[0]), 403, "forbidden", null);
      assertProblem(put(UUID.randomUUID().toString(), token, "text/plain", TEXT), 403, "forbidden", null);
    }
    assertProblem(put(TestServer.get().port(), "/api/v1/operations/" + UUID.randomUUID() + "/photos/not-an-id", outsider,
        "text/plain", TEXT), 404, "not_found", null);
    assertProblem(put("not-an-id", outsider, "text/plain", TEXT), 403, "forbidden", null);
    assertEquals(0, stored());
  }

  @Test
  @DisplayName("another kind of record registers and gets photos of its own, attached by the roles it names")
  void anotherKind() throws Exception {
    // A rapid-test card as the quality pillar will register it, here on a server of its own.
    UUID card = UUID.randomUUID();
    UUID producer = UUID.fromString(farm.producerId);
    Attachable cards = new Attachable("card", "cards", Set.of(Role.TESTER),
        id -> Future.succeededFuture(id.equals(card) ? producer : null));
    PhotoRoutes routes = new PhotoRoutes(TestServer.get().pool, List.of(cards));
    Router router = Router.router(vertx);
    router.route().failureHandler(Errors::handle);
    router.routeWithRegex(routes.paths()).handler(BodyHandler.create().setBodyLimit(PhotoRoutes.MAX_BYTES));
    router.route("/api/v1/*").handler(new Auth(new Sessions(TestServer.get().pool, Duration.ofHours(1)))::authenticate);
    routes.mount(router);
    HttpServer server = TestServer.await(vertx.createHttpServer().requestHandler(router).listen(0));
    Api api = new Api(vertx, server.actualPort());

    String tester = farm.api.newUser(farm.admin, farm.producerId, "tester");
    String photo = UUID.randomUUID().toString();
    String path = "/api/v1/cards/" + card + "/photos/" + photo;
    byte[] png = image("png");
    Api.Response created = put(server.actualPort(), path, tester, "image/png", png);
    assertStatus(created, 201);
    assertEquals(card.toString(), created.json().getString("cardId"));
    assertProblem(put(server.actualPort(), path, farm.recorder, "image/png", png), 403, "forbidden", null);
    assertProblem(put(server.actualPort(), "/api/v1/cards/" + UUID.randomUUID() + "/photos/" + photo, tester,
        "image/png", png), 404, "not_found", null);
    assertArrayEquals(png, api.get(path, tester).raw().bodyAsBuffer().getBytes());

    Photos photos = new Photos(TestServer.get().pool);
    JsonArray listed = TestServer.await(photos.of("card", List.of(card)));
    assertEquals(1, listed.size());
    assertEquals(card.toString(), listed.getJsonObject(0).getString("cardId"));
    assertEquals(0, TestServer.await(photos.of("operation", List.of(card))).size());
    assertProblem(farm.api.get("/api/v1/operations/" + card + "/photos/" + photo, tester), 404, "not_found", null);
    TestServer.await(server.close());
  }
}
