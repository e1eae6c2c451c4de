package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;

import agritrace.Api;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * For tests outside this package (the app's browser tests): a certified farm that packs labelled
 * units through the API, as {@link Packing} does, its labels' QR images, holds by its inspector,
 * and members who log in by name and password.
 */
public final class PackedLabels {

  /** A packed unit or case: its code, its URL as printed, its batch. */
  public record Label(String code, String url, String batchId) {
  }

  private final Packing p;

  public PackedLabels(Vertx vertx) {
    p = new Packing(vertx);
  }

  /** A released, certified batch packed into units (and cases of caseSize, when not null) of a product of 上海青. */
  public JsonObject packedRun(int units, Integer caseSize) {
    String batch = p.certified();
    JsonObject body = Packing.run(p.product(batch, null), units, 1, "kg");
    if (caseSize != null) {
      body.put("caseSize", caseSize);
    }
    return p.packed(batch, body).put("batchId", batch);
  }

  /** One packed unit of a fresh batch. */
  public Label packedUnit() {
    JsonObject run = packedRun(1, null);
    JsonObject unit = run.getJsonArray("units").getJsonObject(0);
    return new Label(unit.getString("code"), unit.getString("url"), run.getString("batchId"));
  }

  /** The label's QR code as the server renders it for the producer's recorder (GET qr.png). */
  public byte[] qrPng(String code, int px) {
    Api.Response png = p.api.get("/api/v1/labels/" + code + "/qr.png?px=" + px, p.c.lab.farm.recorder);
    assertStatus(png, 200);
    return png.raw().bodyAsBuffer().getBytes();
  }

  /** The farm's inspector holds the batch. */
  public void hold(String batchId, String reason) {
    p.c.hold(batchId, reason);
  }

  /** A new user of the farm in the role ("recorder", ...): answers {username, password}. */
  public String[] member(String role) {
    return user("/api/v1/producers/" + p.c.lab.farm.producerId + "/users", role);
  }

  /** A new inspector: answers {username, password}. */
  public String[] inspector() {
    return user("/api/v1/users", "inspector");
  }

  private String[] user(String path, String role) {
    String username = role.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "mima-" + username;
    Api.Response made = p.api.post(path, p.c.lab.farm.admin, new JsonObject().put("username", username)
        .put("password", password).put("role", role).put("name", "王检查"));
    assertStatus(made, 201);
    return new String[] {username, password};
  }
}
