package agritrace.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 有包装标识 in the 五有 profile follows the producer's packing runs. */
@ExtendWith(VertxExtension.class)
class LabelPillarTest {

  private static JsonObject pillar(Packing p, String language) {
    JsonObject profile = p.api.with("Accept-Language", language)
        .get("/api/v1/producers/" + p.c.lab.farm.producerId + "/profile", p.c.lab.farm.admin).json();
    return profile.getJsonArray("pillars").stream().map(JsonObject.class::cast)
        .filter(q -> q.getString("key").equals("packaging_labels")).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("有包装标识 is missing (labels.no_recent_run) until the producer packs a run, then satisfied; a run packed over 30 days ago does not count")
  void followsRuns(Vertx vertx) {
    Packing p = new Packing(vertx);
    JsonObject none = pillar(p, "zh");
    assertEquals("missing", none.getString("status"), none.encode());
    assertEquals("labels.no_recent_run", none.getJsonArray("gaps").getJsonObject(0).getString("code"));
    assertTrue(none.getString("reason").contains("最近 30 天没有包装赋码"), none.encode());
    assertTrue(pillar(p, "en").getString("reason").contains("nothing packed and labelled in the last 30 days"));

    String batch = p.certified();
    JsonObject old = Packing.run(p.product(batch, null), 2, 1, "kg")
        .put("packDate", agritrace.Farm.today().minusDays(30).toString());
    String run = p.packed(batch, old).getString("id");
    assertEquals("missing", pillar(p, "zh").getString("status"), "packed 30 days ago is not recent");
    assertEquals(1, TestServer.get().count("SELECT count(*) FROM packing_runs WHERE id = $1", UUID.fromString(run)));

    p.packed(batch, Packing.run(old.getString("productId"), 2, 1, "kg"));
    JsonObject packed = pillar(p, "zh");
    assertEquals("satisfied", packed.getString("status"), packed.encode());
    assertEquals(0, packed.getJsonArray("gaps").size());
  }
}
