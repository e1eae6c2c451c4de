package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 有质量检测 in the 五有 profile follows the producer's tests. */
@ExtendWith(VertxExtension.class)
class QualityPillarTest {

  private static JsonObject pillar(Lab lab, String language) {
    JsonObject profile = lab.api.with("Accept-Language", language)
        .get("/api/v1/producers/" + lab.farm.producerId + "/profile", lab.farm.admin).json();
    return profile.getJsonArray("pillars").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("key").equals("quality_testing")).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("有质量检测 is missing, saying why, until a test passes; a positive rapid test does not satisfy it, a negative one does")
  void followsPassingTests(Vertx vertx) {
    Lab lab = new Lab(vertx);
    JsonObject none = pillar(lab, "zh");
    assertEquals("missing", none.getString("status"), none.encode());
    assertTrue(none.encode().contains("quality.no_recent_pass") && none.encode().contains("最近 30 天没有合格的检测"), none.encode());
    assertTrue(pillar(lab, "en").encode().contains("no test passed in the last 30 days"));

    String batch = lab.qingcai();
    assertStatus(lab.send(lab.tester, batch, Lab.rapid(72)), 201);
    assertEquals("missing", pillar(lab, "zh").getString("status"), "a positive test is no pass");

    assertStatus(lab.send(lab.tester, batch, Lab.rapid(12)), 201);
    JsonObject passed = pillar(lab, "zh");
    assertEquals("satisfied", passed.getString("status"), passed.encode());
  }
}
