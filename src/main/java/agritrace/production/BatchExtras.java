package agritrace.production;

import agritrace.http.Messages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.Map;
import java.util.UUID;

/**
 * What a pillar above production adds to a batch as the API shows it (quality: the product and
 * commodity a batch is, {@code agritrace.quality.Products#batchExtras}). Production sits below
 * quality and must not read quality's tables or classes, so the server hands {@link BatchRoutes}
 * this reader: production asks it for the batches it shows, in one call per answer, and merges
 * the fields it answers into each batch's JSON, without knowing what they mean.
 */
@FunctionalInterface
public interface BatchExtras {

  /** A reader that adds nothing. */
  BatchExtras NONE = (client, crops, language) -> Future.succeededFuture(Map.of());

  /**
   * For each batch of {@code crops} (batch id → its harvest's crop as the grower wrote it, may be
   * null), the fields to add to its JSON; a batch missing from the answer gets none.
   */
  Future<Map<UUID, JsonObject>> of(SqlClient client, Map<UUID, String> crops, Messages.Language language);
}
