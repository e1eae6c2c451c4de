package agritrace.producer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Whether a producer exists: what {@link agritrace.http.Access} asks after it has checked the
 * caller's right, and the small public API other features use before touching a producer's records.
 */
public final class Producers {

  private final Pool pool;

  public Producers(Pool pool) {
    this.pool = pool;
  }

  /** The producer's id, or null when there is no such producer. */
  public Future<UUID> exists(UUID producerId) {
    return pool.preparedQuery("SELECT 1 FROM producers WHERE id = $1")
        .execute(Tuple.of(producerId))
        .map(rows -> rows.size() == 1 ? producerId : null);
  }
}
