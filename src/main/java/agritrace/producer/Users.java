package agritrace.producer;

import agritrace.http.Access;
import agritrace.http.Json;
import agritrace.http.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** Reading accounts as the API shows them: one column list and one mapping for every answer. */
final class Users {

  /** The columns {@link #toJson} reads, for {@code SELECT ... FROM users}. */
  static final String COLUMNS =
      "id, username, role, producer_id, name, phone, created_at, disabled_at, disabled_by, disabled_reason";
  private static final String FIND = "SELECT " + COLUMNS + " FROM users WHERE id = $1";
  private static final String FIND_ACCOUNT = "SELECT id, role, producer_id FROM users WHERE id = $1";

  private Users() {
  }

  /** The account as the API shows it, through {@code client} (a transaction's connection or the pool). */
  static Future<JsonObject> find(SqlClient client, UUID id) {
    return client.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> toJson(rows.iterator().next()));
  }

  /** Who an account is, for {@link Access#account}; null when there is no such account. */
  static Access.Accounts accounts(Pool pool) {
    return id -> pool.preparedQuery(FIND_ACCOUNT).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Access.Account(row.getUUID("id"), Role.of(row.getString("role")), row.getUUID("producer_id"));
    });
  }

  static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("username", row.getString("username"))
        .put("role", row.getString("role"))
        .put("producerId", text(row.getUUID("producer_id")))
        .put("name", row.getString("name"))
        .put("phone", row.getString("phone"))
        .put("createdAt", Json.time(row.getOffsetDateTime("created_at")))
        .put("disabled", row.getOffsetDateTime("disabled_at") != null)
        .put("disabledAt", Json.time(row.getOffsetDateTime("disabled_at")))
        .put("disabledBy", text(row.getUUID("disabled_by")))
        .put("disabledReason", row.getString("disabled_reason"));
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }
}
