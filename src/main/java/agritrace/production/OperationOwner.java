package agritrace.production;

import agritrace.http.Access;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** Whose an operation is, found by the id of any of its versions: the photos of operations ask it. */
public final class OperationOwner implements Access.Owner {

  private static final String PRODUCER = "SELECT producer_id FROM operations WHERE id = $1";

  private final Pool pool;

  public OperationOwner(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<UUID> of(UUID operationId) {
    return pool.preparedQuery(PRODUCER).execute(Tuple.of(operationId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("producer_id"));
  }
}
