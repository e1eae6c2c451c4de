package agritrace;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * Producer A's data for the tests generated from the spec: one of each thing a path can name,
 * the path filled with its ids, and how many rows it has.
 */
public final class Dataset {

  private Dataset() {
  }

  /**
   * Producer A with one of each thing a path can name, by path parameter; a parameter whose
   * meaning depends on the collection before it is keyed {@code collection/param}.
   */
  public static Map<String, String> of(Farm a) throws Exception {
    Api api = a.api;
    String producer = "/api/v1/producers/" + a.producerId;
    Api.Response person = api.post(producer + "/personnel", a.admin,
        new JsonObject().put("name", "王芳").put("duty", "quality_manager").put("phone", "13800000000"));
    assertStatus(person, 201);
    String plot = a.create("plot", Farm.plot());
    String input = a.create("input", Farm.fertilizer());
    String operation = a.create("operation", Farm.operation(plot, "weeding", Farm.today()));
    Api.Response harvest = api.post("/api/v1/operations", a.recorder, Farm.harvest(plot, Farm.today()));
    assertStatus(harvest, 201);
    String photo = UUID.randomUUID().toString();
    assertStatus(api.sendRaw(HttpMethod.PUT, "/api/v1/operations/" + operation + "/photos/" + photo, a.recorder,
        "image/jpeg", Buffer.buffer(jpeg())), 201);

    String batch = harvest.json().getJsonObject("batch").getString("id");
    String test = UUID.randomUUID().toString();
    assertStatus(api.post("/api/v1/batches/" + batch + "/tests", a.recorder, new JsonObject().put("id", test)
        .put("kind", "rapid").put("testedAt", Farm.at(Farm.today())).put("sample", "叶片").put("method", "酶抑制率法")
        .put("inhibitionRate", 10).put("tester", "王检测")), 201);

    String inspector = api.newUser(a.admin, null, "inspector");
    Api.Response checklist = api.post("/api/v1/reference/checklists", a.admin, new JsonObject()
        .put("code", "walk_" + UUID.randomUUID().toString().substring(0, 8))
        .put("title", new JsonObject().put("zh", "检查表").put("en", "Checklist"))
        .put("items", new io.vertx.core.json.JsonArray().add(new JsonObject().put("id", "records_kept")
            .put("text", new JsonObject().put("zh", "记录完整").put("en", "Records are complete")))));
    assertStatus(checklist, 201);
    String inspection = UUID.randomUUID().toString();
    assertStatus(api.post(producer + "/inspections", inspector, new JsonObject().put("id", inspection)
        .put("templateId", checklist.json().getString("id")).put("visitedAt", Farm.at(Farm.today()))
        .put("answers", new io.vertx.core.json.JsonArray().add(new JsonObject().put("item", "records_kept")
            .put("answer", "pass")))), 201);
    assertStatus(api.sendRaw(HttpMethod.PUT, "/api/v1/inspections/" + inspection + "/photos/" + UUID.randomUUID()
        + "?item=records_kept", inspector, "image/jpeg", Buffer.buffer(jpeg())), 201);

    Map<String, String> ids = new HashMap<>();
    ids.put("producerId", a.producerId);
    ids.put("checklistId", checklist.json().getString("id"));
    ids.put("inspectionId", inspection);
    ids.put("inspections/recordId", inspection);
    ids.put("tests/recordId", test);
    ids.put("personId", person.json().getString("id"));
    ids.put("plots/recordId", plot);
    ids.put("inputs/recordId", input);
    ids.put("operations/recordId", operation);
    ids.put("operationId", operation);
    ids.put("photoId", photo);
    ids.put("batchId", batch);
    // The rapid test above released the batch, so its producer's admin can certify it.
    Api.Response certificate = api.post("/api/v1/batches/" + batch + "/certificates",
        api.newUser(a.admin, a.producerId, "producer_admin"), new JsonObject().put("quantity", 10).put("quantityUnit", "kg"));
    assertStatus(certificate, 201);
    ids.put("certificateId", certificate.json().getString("id"));
    ids.put("userId", api.get("/api/v1/auth/me", a.recorder).json().getString("id"));
    ids.put("productId", product(a, ids));
    Api.Response run = api.post("/api/v1/batches/" + batch + "/packing-runs", a.recorder, new JsonObject()
        .put("productId", ids.get("productId")).put("unitCount", 3).put("unitWeight", 1).put("unitWeightUnit", "kg")
        .put("packDate", Farm.today().toString()).put("packaging", "筐装").put("caseSize", 2));
    assertStatus(run, 201);
    ids.put("packingRunId", run.json().getString("id"));
    ids.put("labels/code", run.json().getJsonArray("units").getJsonObject(0).getString("code"));
    return ids;
  }

  /** A product of producer A, of a commodity (kept in {@code ids}) of a catalogue loaded for it. */
  private static String product(Farm a, Map<String, String> ids) {
    String code = "walk_" + UUID.randomUUID().toString().substring(0, 8);
    ids.put("commodity", code);
    assertStatus(a.api.postRaw("/api/v1/reference/commodities", a.admin, "text/csv",
        Buffer.buffer("code,parent,name_zh,name_en,aliases\n" + code + ",,菜" + code + ",Vegetable " + code + ",\n")), 200);
    String owner = a.api.newUser(a.admin, a.producerId, "producer_admin");
    Api.Response product = a.api.post("/api/v1/producers/" + a.producerId + "/products", owner,
        new JsonObject().put("name", "上海青").put("commodity", code).put("rule", "lab_test"));
    assertStatus(product, 201);
    return product.json().getString("id");
  }

  /** The path with each {param} replaced by producer A's id for it. */
  public static String fill(String path, Map<String, String> ids) {
    String[] segments = path.split("/");
    for (int i = 1; i < segments.length; i++) {
      if (segments[i].startsWith("{")) {
        String param = segments[i].substring(1, segments[i].length() - 1);
        String id = ids.getOrDefault(segments[i - 1] + "/" + param, ids.get(param));
        if (id == null) {
          fail("the access walker has no id for {" + param + "} in " + path
              + ": give it one of producer A's in Dataset.of, so that this endpoint is walked too");
        }
        segments[i] = id;
      }
    }
    return String.join("/", segments);
  }

  /** How many rows producer A has in each table an operation could write. */
  public static Map<String, Long> counts(Farm a) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("users", "personnel", "management_rules", "production_units", "inputs", "operations",
        "batches", "photos", "inspections", "certificates", "products", "packing_runs")) {
      counts.put(table, a.count(table));
    }
    UUID producer = UUID.fromString(a.producerId);
    counts.put("trainings", TestServer.get().count(
        "SELECT count(*) FROM trainings t JOIN personnel p ON p.id = t.person_id WHERE p.producer_id = $1", producer));
    counts.put("account_events", TestServer.get().count(
        "SELECT count(*) FROM account_events e JOIN users u ON u.id = e.user_id WHERE u.producer_id = $1", producer));
    counts.put("disabled users", TestServer.get().count(
        "SELECT count(*) FROM users WHERE producer_id = $1 AND disabled_at IS NOT NULL", producer));
    counts.put("batch_products", TestServer.get().count(
        "SELECT count(*) FROM batch_products x JOIN batches b ON b.id = x.batch_id WHERE b.producer_id = $1", producer));
    counts.put("batch_events", TestServer.get().count(
        "SELECT count(*) FROM batch_events e JOIN batches b ON b.id = e.batch_id WHERE b.producer_id = $1", producer));
    return counts;
  }

  public static byte[] jpeg() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpg", out);
    return out.toByteArray();
  }
}
