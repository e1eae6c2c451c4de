package agritrace.quality;

import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.Auth;
import agritrace.http.Caller;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Messages;
import agritrace.http.Role;
import agritrace.production.Batch;
import agritrace.production.Batches;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A batch's quality tests over HTTP: recorded by the producer's admins, recorders and testers, or
 * by an inspector as an official one; each judged ({@link Judgement}) and applied to the batch in
 * the same transaction; read by whoever may read the batch.
 */
public final class TestRoutes {

  private final Pool pool;
  private final TestWriter writer;

  public TestRoutes(Pool pool, BigDecimal rapidThreshold) {
    this.pool = pool;
    this.writer = new TestWriter(rapidThreshold);
  }

  public void mount(Router router) {
    Access.Owner owner = Batches.owner(pool);
    router.post("/api/v1/batches/:batchId/tests")
        .handler(Auth.require(Role.PRODUCER_ADMIN, Role.RECORDER, Role.TESTER, Role.INSPECTOR))
        .handler(Access.record("batchId", "batch", Right.READ, owner))
        .handler(this::recordTest);
    router.get("/api/v1/batches/:batchId/tests").handler(Access.record("batchId", "batch", Right.READ, owner))
        .handler(this::listTests);
  }

  /** 201 with the test, its judgement and the batch as it now stands; 200 for the same test sent again. */
  private void recordTest(RoutingContext ctx) {
    UUID batchId = Fields.pathId(ctx, "batchId", "batch");
    NewTest test = NewTest.from(Json.body(ctx));
    Caller caller = Auth.caller(ctx);
    Messages.Language language = Messages.language(ctx);
    pool.withTransaction(tx -> writer.write(tx, test, batchId, caller)
            .compose(created -> Future.all(Tests.find(tx, test.id(), language), Batches.find(tx, batchId))
                .map(all -> new Answer(created ? 201 : 200, new JsonObject().put("test", all.<JsonObject>resultAt(0))
                    .put("batch", all.<Batch>resultAt(1).toJson(language))))))
        .recover(TestWriter::idTaken)
        .onSuccess(answer -> Json.send(ctx, answer.status(), answer.body()))
        .onFailure(ctx::fail);
  }

  private record Answer(int status, JsonObject body) {
  }

  /** The batch's tests with their judgements, oldest first. */
  private void listTests(RoutingContext ctx) {
    UUID batchId = Fields.pathId(ctx, "batchId", "batch");
    Tests.ofBatch(pool, batchId, Messages.language(ctx))
        .onSuccess(tests -> Json.ok(ctx, new JsonObject().put("items", tests)))
        .onFailure(ctx::fail);
  }
}
