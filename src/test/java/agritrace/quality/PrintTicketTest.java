package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.Server;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A print ticket opens a run's label sheet in a browser tab, which carries no Authorization header. */
@ExtendWith(VertxExtension.class)
class PrintTicketTest {

  private static JsonObject layout(String id) {
    return new JsonObject().put("layout", id);
  }

  private static String ticketPath(String run) {
    return "/api/v1/packing-runs/" + run + "/labels/ticket";
  }

  @Test
  @DisplayName("a ticket asked for by the producer's recorder serves the run's sheet without a login header, for that layout, until about 10 minutes on")
  void servesTheSheet(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    JsonObject run = p.packed(batch, Packing.run(p.product(batch, null), 3, 1, "kg"));
    String id = run.getString("id");
    Api.Response asked = p.api.post(ticketPath(id), p.c.lab.farm.recorder, layout("a4-3x8"));
    assertStatus(asked, 201);
    String url = asked.json().getString("url");
    assertTrue(url.startsWith("/api/v1/packing-runs/" + id + "/labels?layout=a4-3x8&ticket="), url);
    Duration left = Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(asked.json().getString("expiresAt")));
    assertTrue(left.toMinutes() >= 9 && left.toMinutes() <= 10, left.toString());

    Api.Response sheet = p.api.get(url, null);
    assertStatus(sheet, 200);
    String html = sheet.raw().bodyAsString();
    assertTrue(html.contains("size:210mm 297mm"), html.substring(0, Math.min(400, html.length())));
    String printed = html.replace("-", "");
    for (int n = 0; n < 3; n++) {
      assertTrue(printed.contains(run.getJsonArray("units").getJsonObject(n).getString("code")), "unit " + n);
    }
    assertStatus(p.api.get(url, null), 200);
    Api.Response thermal = p.api.post(ticketPath(id), p.c.producerAdmin, layout("thermal-50x30"));
    assertStatus(thermal, 201);
    assertTrue(p.api.get(thermal.json().getString("url"), null).raw().bodyAsString().contains("size:50mm 30mm"));
  }

  @Test
  @DisplayName("a ticket issued by one server verticle opens the sheet on another of the same process (scripts/run runs one per core)")
  void sharedByTheProcess(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String id = p.packed(batch, Packing.run(p.product(batch, null), 2, 1, "kg")).getString("id");
    String url = p.api.post(ticketPath(id), p.c.lab.farm.recorder, layout("a4-3x8")).json().getString("url");
    TestServer ts = TestServer.get();
    Server other = new Server(ts.config, ts.connectOptions());
    String deployment = TestServer.await(ts.vertx.deployVerticle(other));
    try {
      assertStatus(new Api(vertx, other.port()).get(url, null), 200);
    } finally {
      TestServer.await(ts.vertx.undeploy(deployment));
    }
  }

  @Test
  @DisplayName("a wrong ticket, another run's ticket, or the ticket of a session since logged out is a 401; a missing or unknown layout a 400")
  void refusedTickets(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String product = p.product(batch, null);
    String first = p.packed(batch, Packing.run(product, 2, 1, "kg")).getString("id");
    String second = p.packed(batch, Packing.run(product, 2, 1, "kg")).getString("id");
    String url = p.api.post(ticketPath(first), p.c.lab.farm.recorder, layout("a4-3x8")).json().getString("url");
    String ticket = url.substring(url.indexOf("ticket=") + 7);

    assertProblem(p.api.get("/api/v1/packing-runs/" + first + "/labels?layout=a4-3x8&ticket=wrong" + ticket, null),
        401, "unauthorized", null);
    assertProblem(p.api.get("/api/v1/packing-runs/" + second + "/labels?layout=a4-3x8&ticket=" + ticket, null),
        401, "unauthorized", null);
    assertProblem(p.api.get("/api/v1/packing-runs/not-a-run/labels?layout=a4-3x8&ticket=" + ticket, null),
        401, "unauthorized", null);
    assertProblem(p.api.get("/api/v1/packing-runs/" + first + "/labels?layout=a5&ticket=" + ticket, null),
        400, "invalid_field", "layout");

    assertProblem(p.api.post(ticketPath(first), p.c.lab.farm.recorder, new JsonObject()), 400, "invalid_field", "layout");
    assertProblem(p.api.post(ticketPath(first), p.c.lab.farm.recorder, layout("a5")), 400, "invalid_field", "layout");

    String recorder = p.api.newUser(p.c.lab.farm.admin, p.c.lab.farm.producerId, "recorder");
    String own = p.api.post(ticketPath(first), recorder, layout("thermal-50x30")).json().getString("url");
    assertStatus(p.api.get(own, null), 200);
    assertStatus(p.api.post("/api/v1/auth/logout", recorder, null), 204);
    assertEquals(401, p.api.get(own, null).status(), "logging out ends the session's tickets");
  }

  @Test
  @DisplayName("only the run's producer's users get a ticket, checked before the body: others 403, an unknown run 404, no login 401")
  void whoMayAsk(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String run = p.packed(batch, Packing.run(p.product(batch, null), 1, 1, "kg")).getString("id");
    Farm farm = p.c.lab.farm;
    String outsider = p.api.newUser(farm.admin, p.api.newProducer(farm.admin), "producer_admin");
    for (String who : new String[] {outsider, p.c.inspector, farm.admin}) {
      assertEquals(403, p.api.post(ticketPath(run), who, layout("a4-3x8")).status());
      assertEquals(403, p.api.post(ticketPath(run), who, layout("nonsense")).status(), "who may is checked first");
    }
    assertEquals(401, p.api.post(ticketPath(run), null, layout("a4-3x8")).status());
    assertEquals(404, p.api.post(ticketPath(UUID.randomUUID().toString()), farm.recorder, layout("a4-3x8")).status());
  }
}
