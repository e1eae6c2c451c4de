package agritrace.production;

import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import agritrace.http.ApiError;
import agritrace.http.Message;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The batch status owner: the moves allowed, automatic holds, and events stored before today's statuses. */
@ExtendWith(VertxExtension.class)
class BatchStatusTest {

  private static final LocalDate SPRAYED = Farm.today().minusDays(20);

  @Test
  @DisplayName("rejected and recalled are final; a finding holds any other batch and leaves a final one as it is")
  void moves() {
    assertEquals(Set.of(), BatchStatus.REJECTED.next());
    assertEquals(Set.of(), BatchStatus.RECALLED.next());
    assertTrue(BatchStatus.HARVESTED.allows(BatchStatus.RELEASED));
    assertTrue(BatchStatus.HELD.allows(BatchStatus.RELEASED));
    assertTrue(BatchStatus.RELEASED.allows(BatchStatus.HELD));
    assertFalse(BatchStatus.HELD.allows(BatchStatus.HARVESTED));
    assertFalse(BatchStatus.RELEASED.allows(BatchStatus.RELEASED));
    assertEquals(BatchStatus.HELD, BatchStatus.HARVESTED.afterHoldingFinding());
    assertEquals(BatchStatus.HELD, BatchStatus.RELEASED.afterHoldingFinding());
    assertEquals(BatchStatus.HELD, BatchStatus.HELD.afterHoldingFinding());
    assertEquals(BatchStatus.REJECTED, BatchStatus.REJECTED.afterHoldingFinding());
    assertEquals(BatchStatus.RECALLED, BatchStatus.RECALLED.afterHoldingFinding());
  }

  /** A farm with a pesticide and a harvest 3 days after a spraying that is not recorded yet. */
  private record Harvested(Farm farm, String plot, String pesticide, String batchId) {
    static Harvested now(Vertx vertx) {
      Farm farm = new Farm(new Api(vertx));
      String plot = farm.create("plot", Farm.plot());
      String pesticide = farm.create("input", Farm.pesticide(7));
      JsonObject batch = farm.api.post("/api/v1/operations", farm.recorder, Farm.harvest(plot, SPRAYED.plusDays(3)))
          .json().getJsonObject("batch");
      assertEquals("harvested", batch.getString("status"));
      return new Harvested(farm, plot, pesticide, batch.getString("id"));
    }

    Api.Response lateSpraying() {
      return farm.sync(new JsonArray().add(Farm.record("operation", Farm.spraying(plot, pesticide, SPRAYED))));
    }

    JsonObject read() {
      return farm.api.get("/api/v1/batches/" + batchId, farm.recorder).json();
    }
  }

  private static Batch change(String batchId, BatchStatus to) {
    return TestServer.await(TestServer.get().pool.withTransaction(tx -> Batches.change(tx, UUID.fromString(batchId), to,
        null, Message.of("batch.held_by_inspector", "note", "test"))));
  }

  @Test
  @DisplayName("a broken interval found late holds a released batch")
  void findingHoldsReleased(Vertx vertx) {
    Harvested h = Harvested.now(vertx);
    assertEquals(BatchStatus.RELEASED, change(h.batchId(), BatchStatus.RELEASED).status());
    assertEquals(1, h.lateSpraying().json().getInteger("created"));
    assertEquals("held", h.read().getString("status"));
  }

  @Test
  @DisplayName("on a rejected batch a late finding is recorded without a status change, and the sync does not fail")
  void findingOnRejected(Vertx vertx) {
    Harvested h = Harvested.now(vertx);
    change(h.batchId(), BatchStatus.REJECTED);
    Api.Response sync = h.lateSpraying();
    assertStatus(sync, 200);
    assertEquals(1, sync.json().getInteger("created"));
    JsonObject read = h.read();
    assertEquals("rejected", read.getString("status"));
    JsonObject last = read.getJsonArray("history").getJsonObject(read.getJsonArray("history").size() - 1);
    assertEquals("rejected", last.getString("status"));
    assertEquals("batch.held_after_record", last.getJsonObject("reason").getString("code"));
    assertEquals(1, TestServer.get().count("SELECT count(*) FROM batch_violations WHERE batch_id = $1",
        UUID.fromString(h.batchId())));
  }

  @Test
  @DisplayName("the owner refuses a move its statuses do not allow, naming the current and the allowed ones, and changes nothing")
  void illegalMove(Vertx vertx) {
    Harvested h = Harvested.now(vertx);
    change(h.batchId(), BatchStatus.RECALLED);
    IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> change(h.batchId(), BatchStatus.RELEASED));
    ApiError error = (ApiError) refused.getCause();
    assertEquals(409, error.status());
    assertEquals("batch.final_status", error.message().code());
    assertEquals("recalled", error.message().args().getString("current"));
    assertEquals(new JsonArray(), error.message().args().getJsonArray("allowed"));
    assertEquals(2, h.read().getJsonArray("history").size());
  }

  @Test
  @DisplayName("events stored as 'active' read as released where an inspector released the batch, else as harvested")
  void storedActiveEvents(Vertx vertx) {
    Farm farm = new Farm(new Api(vertx));
    UUID producer = UUID.fromString(farm.producerId);
    UUID released = UUID.randomUUID();
    UUID harvested = UUID.randomUUID();
    for (UUID batch : new UUID[] {released, harvested}) {
      TestServer.get().sql("INSERT INTO batches (id, producer_id, harvest_id, lot_code) VALUES ($1, $2, $3, $4)",
          batch, producer, UUID.randomUUID(), "OLD-" + batch);
      TestServer.get().sql("INSERT INTO batch_events (batch_id, status, reason) VALUES ($1, 'active', 'harvested')", batch);
    }
    TestServer.get().sql("INSERT INTO batch_events (batch_id, status, reason) VALUES ($1, 'held', 'held by an inspector: x')", released);
    TestServer.get().sql("INSERT INTO batch_events (batch_id, status, reason, by_user) VALUES"
        + " ($1, 'active', 'released by an inspector: report ZJ-1', $2)", released, UUID.randomUUID());
    JsonArray items = farm.api.get("/api/v1/batches?status=released", farm.recorder).json().getJsonArray("items");
    assertEquals(1, items.size(), items.encode());
    assertEquals(released.toString(), items.getJsonObject(0).getString("id"));
    assertEquals("released by an inspector: report ZJ-1", items.getJsonObject(0).getJsonObject("reason").getString("message"));
    JsonArray harvestedOnes = farm.api.get("/api/v1/batches?status=harvested", farm.recorder).json().getJsonArray("items");
    assertEquals(harvested.toString(), harvestedOnes.getJsonObject(0).getString("id"));
  }
}
