package agritrace.production;

import agritrace.http.ApiError;
import agritrace.http.Message;
import agritrace.production.Records.Operation;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The plots and inputs an operation names must be this producer's, and the input must suit the operation. */
final class References {

  private static final String PLOTS = "SELECT id, root_id, producer_id FROM production_units WHERE id = ANY($1)";
  /** Each named input's root, producer, and its current version's kind and longest interval in days. */
  private static final String INPUTS = """
      SELECT i.id, i.root_id, i.producer_id, c.kind, %s AS max_days
      FROM inputs i
      JOIN LATERAL (SELECT kind, interval_days, intervals_by_crop FROM inputs c
                    WHERE %s ORDER BY revision DESC LIMIT 1) c ON true
      WHERE i.id = ANY($1)""".formatted(Phi.longestInterval("c"), RecordType.versionOf("c", "i.root_id"));

  private References() {
  }

  /** Checks every pending operation's plot and input; learns their roots and the inputs' intervals. */
  static Future<Void> check(SyncWrite w) {
    List<SyncItem> ops = w.items.stream().filter(item -> item.pending() && item.record instanceof Operation).toList();
    if (ops.isEmpty()) {
      return Future.succeededFuture();
    }
    Set<UUID> plots = new HashSet<>();
    Set<UUID> inputs = new HashSet<>();
    for (SyncItem item : ops) {
      Operation op = (Operation) item.record;
      plots.add(op.plotId());
      if (op.inputId() != null) {
        inputs.add(op.inputId());
      }
    }
    return Future.all(
            w.tx.preparedQuery(PLOTS).execute(Tuple.of(plots.toArray(UUID[]::new))),
            w.tx.preparedQuery(INPUTS).execute(Tuple.of(inputs.toArray(UUID[]::new))))
        .map(all -> {
          Map<UUID, UUID> plotRoots = ownRoots(w, all.resultAt(0));
          Map<UUID, UUID> inputRoots = ownRoots(w, all.resultAt(1));
          Map<UUID, String> inputKinds = new HashMap<>();
          all.<RowSet<Row>>resultAt(1).forEach(row -> {
            inputKinds.put(row.getUUID("id"), row.getString("kind"));
            w.inputDays.put(row.getUUID("id"), row.getInteger("max_days"));
          });
          for (SyncItem item : ops) {
            Operation op = (Operation) item.record;
            if (!plotRoots.containsKey(op.plotId())) {
              item.reject(ApiError.invalid("plotId", "records.plot_unknown"));
            } else if (op.inputId() != null && !inputRoots.containsKey(op.inputId())) {
              item.reject(ApiError.invalid("inputId", "records.input_unknown"));
            } else if (op.inputId() != null && !op.operation().inputKinds().contains(inputKinds.get(op.inputId()))) {
              item.reject(ApiError.invalid("inputId", "records.input_kind_mismatch",
                  "type", Message.of("operation." + op.operation().id()),
                  "kind", Message.of("input_kind." + inputKinds.get(op.inputId())),
                  "allowed", op.operation().inputKinds().stream().sorted().map(k -> Message.of("input_kind." + k)).toList()));
            } else {
              w.roots.put(op.plotId(), plotRoots.get(op.plotId()));
              if (op.inputId() != null) {
                w.roots.put(op.inputId(), inputRoots.get(op.inputId()));
              }
            }
          }
          return null;
        });
  }

  /** Id to root id for the rows that belong to this producer. */
  private static Map<UUID, UUID> ownRoots(SyncWrite w, RowSet<Row> rows) {
    Map<UUID, UUID> own = new HashMap<>();
    rows.forEach(row -> {
      if (row.getUUID("producer_id").equals(w.caller.producerId())) {
        own.put(row.getUUID("id"), row.getUUID("root_id"));
      }
    });
    return own;
  }
}
