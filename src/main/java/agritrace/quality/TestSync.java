package agritrace.quality;

import agritrace.http.ApiError;
import agritrace.http.Caller;
import agritrace.http.Fields;
import agritrace.http.Message;
import agritrace.http.Messages;
import agritrace.production.Batch;
import agritrace.production.Batches;
import agritrace.production.SyncHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Tests in the offline sync ({@code {"type": "test", "data": {...}}}): the body
 * {@code POST /api/v1/batches/{batchId}/tests} takes, naming its batch by {@code harvestId}, the
 * phone-made id of the harvest that made it (a phone offline knows no batch id), or by
 * {@code batchId}. Written as the route writes them ({@link TestWriter}), after the request's
 * production records, so a harvest and its test may come in one request.
 */
public final class TestSync implements SyncHandler {

  private final Pool pool;
  private final TestWriter writer;

  public TestSync(Pool pool, BigDecimal rapidThreshold) {
    this.pool = pool;
    this.writer = new TestWriter(rapidThreshold);
  }

  @Override
  public String type() {
    return "test";
  }

  @Override
  public Future<Written> write(Caller caller, Fields data, Messages.Language language) {
    UUID harvestId = data.optionalUuid("harvestId");
    UUID namedBatch = harvestId == null ? data.optionalUuid("batchId") : null;
    if (harvestId == null && namedBatch == null) {
      throw ApiError.invalid("harvestId", "field.required");
    }
    // What the route would have been sent: the same test through either is the same test.
    JsonObject body = data.json().copy();
    body.remove("harvestId");
    body.remove("batchId");
    NewTest test = NewTest.from(new Fields(body));
    Future<Batch> found = harvestId != null ? Batches.ofHarvest(pool, harvestId) : Batches.find(pool, namedBatch);
    return found.compose(batch -> {
      // Another producer's batch is answered as one that does not exist: the sender learns nothing of it.
      if (batch == null || !batch.producerId().equals(caller.producerId())) {
        return Future.failedFuture(harvestId != null ? ApiError.invalid("harvestId", "quality.sync_harvest_unknown")
            : ApiError.invalid("batchId", "quality.sync_batch_unknown"));
      }
      return pool.withTransaction(tx -> writer.write(tx, test, batch.id(), caller)
              .compose(created -> Future.all(Tests.find(tx, test.id(), language), Batches.find(tx, batch.id()))
                  .map(all -> written(created, all.resultAt(0), all.<Batch>resultAt(1).toJson(language)))))
          .recover(TestWriter::idTaken);
    });
  }

  /** The judgement and what it did to the batch, in words, with the test and the batch as they now stand. */
  private static Written written(boolean created, JsonObject test, JsonObject batch) {
    Message said = Message.of("sync.test_recorded", "judgement", Message.fromJson(test.getJsonObject("judgement")),
        "effect", Message.fromJson(test.getJsonObject("effectMessage")));
    return new Written(created, said, new JsonObject().put("test", test).put("batch", batch));
  }
}
