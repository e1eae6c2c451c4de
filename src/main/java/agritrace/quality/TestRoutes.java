package agritrace.quality;

import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.Auth;
import agritrace.http.Caller;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Messages;
import agritrace.http.Role;
import agritrace.photos.Attachable;
import agritrace.photos.Photos;
import agritrace.production.Batch;
import agritrace.production.Batches;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A batch's quality tests over HTTP: recorded by the producer's admins, recorders and testers, or
 * by an inspector as an official one; each judged ({@link Judgement}) and applied to the batch in
 * the same transaction; read by whoever may read the batch.
 */
public final class TestRoutes {

  private final Pool pool;
  private final TestWriter writer;
  private final Photos photos;

  public TestRoutes(Pool pool, BigDecimal rapidThreshold) {
    this.pool = pool;
    this.writer = new TestWriter(rapidThreshold);
    this.photos = new Photos(pool);
  }

  /**
   * Photos on tests (the test card, the sample): attached by the producer's admins, recorders and
   * testers to its tests, and by inspectors to official ones, after the test is stored.
   */
  public static Attachable photoKind(Pool pool) {
    return new Attachable("test", "tests", Set.of(Role.PRODUCER_ADMIN, Role.RECORDER, Role.TESTER),
        Tests.owner(pool), Tests.official(pool));
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

  /** The batch's tests with their judgements and photos, oldest first. */
  private void listTests(RoutingContext ctx) {
    UUID batchId = Fields.pathId(ctx, "batchId", "batch");
    Tests.ofBatch(pool, batchId, Messages.language(ctx))
        .compose(tests -> {
          List<UUID> ids = tests.stream().map(t -> UUID.fromString(((JsonObject) t).getString("id"))).toList();
          return photos.of("test", ids).map(attached -> {
            for (Object item : tests) {
              JsonObject test = (JsonObject) item;
              test.put("photos", new JsonArray(attached.stream()
                  .filter(p -> ((JsonObject) p).getString("testId").equals(test.getString("id"))).toList()));
            }
            return tests;
          });
        })
        .onSuccess(tests -> Json.ok(ctx, new JsonObject().put("items", tests)))
        .onFailure(ctx::fail);
  }
}
