package agritrace.production;

import agritrace.db.Ids;
import agritrace.db.Sql;
import agritrace.http.ApiError;
import agritrace.http.Caller;
import agritrace.production.Records.Input;
import agritrace.production.Records.Operation;
import agritrace.production.Records.ProductionRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Stores a list of production records from one producer in one transaction, each once: a record
 * whose id is already stored is a duplicate, a record breaking a rule is rejected with the reason,
 * and neither stops the others. Writes are batched per table, so a 500-record sync costs a
 * handful of round trips. Harvests make batches; the pre-harvest interval rule runs at the end.
 */
final class RecordWriter {

  /** Each named input's root, producer, and its current version's kind and longest interval in days. */
  private static final String INPUT_KINDS = """
      SELECT i.id, i.root_id, i.producer_id, c.kind, %s AS max_days
      FROM inputs i
      JOIN LATERAL (SELECT kind, interval_days, intervals_by_crop FROM inputs c
                    WHERE %s ORDER BY revision DESC LIMIT 1) c ON true
      WHERE i.id = ANY($1)""".formatted(Phi.longestInterval("c"), RecordType.versionOf("c", "i.root_id"));
  /**
   * Opens a sync's transaction, whose statements are planned once per connection, not for each
   * execution: planning the interval check alone took longer than running it. Every statement of
   * a sync looks rows up by key or walks an index, and while it is planned table scans, hash joins
   * and merge joins are off, so a plan made while the tables were small stays right as they grow.
   * For this transaction only.
   */
  static final String BEGIN_PLANNED_ONCE = "BEGIN; SET LOCAL plan_cache_mode = force_generic_plan; "
      + "SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off";
  /** Operations that start a cycle, and those the interval rule is about. */
  private static final Set<String> CYCLE_STARTS = Set.of("seeding", "transplanting");
  private static final Set<String> APPLICATIONS = Set.of("pesticide_application", "vet_treatment");

  private final Pool pool;

  RecordWriter(Pool pool) {
    this.pool = pool;
  }

  /**
   * Stores the records (null entries are already rejected: their outcome is given). Most syncs
   * carry only operations never sent before, so they are first inserted without looking each id up;
   * if one is already stored (a phone sending again, or the same sync arriving twice at once), that
   * transaction fails on the key and changes nothing, and the write runs again, skipping stored ids.
   */
  Future<List<Outcome>> write(Caller caller, List<ProductionRecord> records, List<Outcome> given) {
    return write(caller, records, given, false)
        .recover(failure -> Sql.uniqueViolation(failure, RecordInserts.OPERATION_KEY)
            ? write(caller, records, given, true)
            : Future.failedFuture(failure));
  }

  /**
   * One transaction, in four round trips: under load each wait for an answer costs more than the
   * statement behind it. BEGIN goes without waiting for its answer, ahead of the first statements,
   * and COMMIT with the last ones ({@link Write#judgeHarvests}): a connection runs what it is sent
   * in order, so every statement runs inside the transaction, and after a failure in it, COMMIT
   * only rolls back. Whatever fails, the transaction is rolled back before the connection goes back
   * to the pool, and only once nothing more is being sent on it.
   */
  private Future<List<Outcome>> write(Caller caller, List<ProductionRecord> records, List<Outcome> given,
      boolean skipStored) {
    return pool.withConnection(conn -> {
      Future<RowSet<Row>> begun = conn.query(BEGIN_PLANNED_ONCE).execute();
      // Composed, so that even a mistake that throws ends in a failed future, and a rollback.
      Future<List<Outcome>> written = Future.<Void>succeededFuture()
          .compose(v -> new Write(conn, caller, records, given, skipStored).run());
      return Future.join(begun, written).map(all -> written.result())
          .recover(failure -> conn.query("ROLLBACK").execute()
              .transform(rolledBack -> Future.failedFuture(written.failed() ? written.cause() : failure)));
    });
  }

  /** The state of one request's write. */
  private static final class Write {
    private final SqlConnection conn;
    private final Caller caller;
    private final List<ProductionRecord> records;
    private final Outcome[] outcomes;
    /** The first record of each type and id; later ones with the same type and id are duplicates of it. */
    private final Set<Map.Entry<RecordType, UUID>> seen = new HashSet<>();
    /** Resolved record ids (any version's id) to their record's root id, per type. */
    private final Map<UUID, UUID> roots = new HashMap<>();
    private final Map<UUID, String> operationTypeOfRoot = new HashMap<>();
    /** What the stored records put up for judgement under the interval rule. */
    private final Phi.Judgement judgement = new Phi.Judgement();
    /** The longest interval in days of each input named by an operation. */
    private final Map<UUID, Integer> inputDays = new HashMap<>();
    /** Corrections waiting for the correction they correct, sent in the same request, to be stored. */
    private final Set<Integer> deferred = new HashSet<>();
    private final List<Batches.NewBatch> newHarvests = new ArrayList<>();
    /** Whether operation ids already stored are skipped, or fail the insert. */
    private final boolean skipStored;

    Write(SqlConnection conn, Caller caller, List<ProductionRecord> records, List<Outcome> given, boolean skipStored) {
      this.conn = conn;
      this.skipStored = skipStored;
      this.caller = caller;
      this.records = records;
      this.outcomes = given.toArray(Outcome[]::new);
    }

    Future<List<Outcome>> run() {
      for (int i = 0; i < records.size(); i++) {
        ProductionRecord r = records.get(i);
        if (r != null && !seen.add(Map.entry(r.type(), r.id()))) {
          outcomes[i] = new Outcome(r.id(), r.type(), "duplicate", "this request sends the record twice", null, null);
        }
      }
      return markStoredCorrections(RecordType.PLOT)
          .compose(v -> markStoredCorrections(RecordType.INPUT))
          .compose(v -> markStoredCorrections(RecordType.OPERATION))
          .compose(v -> store(RecordType.PLOT, false))
          .compose(v -> storeCorrections(RecordType.PLOT))
          .compose(v -> store(RecordType.INPUT, false))
          .compose(v -> storeCorrections(RecordType.INPUT))
          .compose(v -> checkOperationReferences())
          .compose(v -> store(RecordType.OPERATION, false))
          .compose(v -> storeCorrections(RecordType.OPERATION))
          .compose(v -> judgeHarvests())
          .map(v -> List.of(outcomes));
    }

    /** Records of this type still to store (not rejected, not duplicate), originals or corrections. */
    private List<Integer> pending(RecordType type, boolean corrections) {
      List<Integer> list = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        ProductionRecord r = records.get(i);
        if (r != null && outcomes[i] == null && r.type() == type && (r.corrects() != null) == corrections
            && (!corrections || !deferred.contains(i))) {
          list.add(i);
        }
      }
      return list;
    }

    /**
     * Stores corrections in waves: a correction of a correction sent in the same request waits
     * until the one it corrects is stored, so a phone may queue several fixes of one record.
     */
    private Future<Void> storeCorrections(RecordType type) {
      deferred.clear();
      Set<UUID> waiting = new HashSet<>();
      for (int i = 0; i < records.size(); i++) {
        ProductionRecord r = records.get(i);
        if (r != null && outcomes[i] == null && r.type() == type && r.corrects() != null) {
          waiting.add(r.id());
        }
      }
      for (int i = 0; i < records.size(); i++) {
        ProductionRecord r = records.get(i);
        if (r != null && outcomes[i] == null && r.type() == type && r.corrects() != null && waiting.contains(r.corrects())) {
          deferred.add(i);
        }
      }
      if (pending(type, true).isEmpty()) {
        deferred.forEach(i -> reject(i, ApiError.invalid("corrects", "these corrections correct each other in a circle")));
        deferred.clear();
        return Future.succeededFuture();
      }
      return store(type, true).compose(v -> deferred.isEmpty() ? Future.succeededFuture() : storeCorrections(type));
    }

    private void reject(int i, ApiError why) {
      outcomes[i] = Outcome.rejected(records.get(i).id(), records.get(i).type(), why);
    }

    /**
     * Marks corrections already stored (a phone sending again) as duplicates before they are
     * numbered. Originals need no such look-up: their insert skips ids already stored.
     */
    private Future<Void> markStoredCorrections(RecordType type) {
      Map<UUID, Integer> ids = new HashMap<>();
      for (int i : pending(type, true)) {
        ids.put(records.get(i).id(), i);
      }
      return ids.isEmpty() ? Future.succeededFuture() : markStored(type, ids);
    }

    /** Marks the records whose ids are stored: duplicates if this producer's, else rejected. */
    private Future<Void> markStored(RecordType type, Map<UUID, Integer> ids) {
      return conn.preparedQuery("SELECT id, producer_id FROM " + type.table() + " WHERE id = ANY($1)")
          .execute(Tuple.of(ids.keySet().toArray(UUID[]::new)))
          .map(rows -> {
            for (Row row : rows) {
              int i = ids.get(row.getUUID("id"));
              outcomes[i] = row.getUUID("producer_id").equals(caller.producerId())
                  ? new Outcome(records.get(i).id(), type, "duplicate", null, null, null)
                  : Outcome.rejected(records.get(i).id(), type, ApiError.invalid("id", "this id is already used by another record"));
            }
            return null;
          });
    }

    /** Plots and inputs an operation names must be this producer's, and the input must suit it. */
    private Future<Void> checkOperationReferences() {
      List<Integer> ops = new ArrayList<>(pending(RecordType.OPERATION, false));
      ops.addAll(pending(RecordType.OPERATION, true));
      if (ops.isEmpty()) {
        return Future.succeededFuture();
      }
      Set<UUID> plots = new HashSet<>();
      Set<UUID> inputs = new HashSet<>();
      for (int i : ops) {
        Operation op = (Operation) records.get(i);
        plots.add(op.plotId());
        if (op.inputId() != null) {
          inputs.add(op.inputId());
        }
      }
      return Future.all(
              conn.preparedQuery("SELECT id, root_id, producer_id FROM production_units WHERE id = ANY($1)")
                  .execute(Tuple.of(plots.toArray(UUID[]::new))),
              conn.preparedQuery(INPUT_KINDS).execute(Tuple.of(inputs.toArray(UUID[]::new))))
          .map(all -> {
            Map<UUID, UUID> plotRoots = ownRoots(all.resultAt(0));
            Map<UUID, UUID> inputRoots = ownRoots(all.resultAt(1));
            Map<UUID, String> inputKinds = new HashMap<>();
            all.<RowSet<Row>>resultAt(1).forEach(row -> {
              inputKinds.put(row.getUUID("id"), row.getString("kind"));
              inputDays.put(row.getUUID("id"), row.getInteger("max_days"));
            });
            for (int i : ops) {
              Operation op = (Operation) records.get(i);
              if (!plotRoots.containsKey(op.plotId())) {
                reject(i, ApiError.invalid("plotId", "plotId names no plot of this producer"));
              } else if (op.inputId() != null && !inputRoots.containsKey(op.inputId())) {
                reject(i, ApiError.invalid("inputId", "inputId names no input product of this producer"));
              } else if (op.inputId() != null
                  && !Records.INPUT_KINDS_BY_OPERATION.get(op.operation()).contains(inputKinds.get(op.inputId()))) {
                reject(i, ApiError.invalid("inputId", "a " + op.operation() + " cannot use a "
                    + inputKinds.get(op.inputId()) + "; name a " + String.join(" or ",
                    Records.INPUT_KINDS_BY_OPERATION.get(op.operation()).stream().sorted().toList())));
              } else {
                roots.put(op.plotId(), plotRoots.get(op.plotId()));
                if (op.inputId() != null) {
                  roots.put(op.inputId(), inputRoots.get(op.inputId()));
                }
              }
            }
            return null;
          });
    }

    /** Id to root id for the rows that belong to this producer. */
    private Map<UUID, UUID> ownRoots(RowSet<Row> rows) {
      Map<UUID, UUID> own = new HashMap<>();
      rows.forEach(row -> {
        if (row.getUUID("producer_id").equals(caller.producerId())) {
          own.put(row.getUUID("id"), row.getUUID("root_id"));
        }
      });
      return own;
    }

    /**
     * Stores the pending originals, or the pending corrections, of one type. A correction must
     * name a stored record of this producer and the same kind; it becomes the next revision.
     */
    private Future<Void> store(RecordType type, boolean corrections) {
      List<Integer> pending = pending(type, corrections);
      if (pending.isEmpty()) {
        return Future.succeededFuture();
      }
      Future<Map<UUID, Integer>> revisions = corrections ? resolveCorrections(type, pending)
          : Future.succeededFuture(Map.of());
      return revisions.compose(nextRevision -> {
        List<Integer> insert = new ArrayList<>();
        List<Tuple> rows = new ArrayList<>();
        for (int i : pending(type, corrections)) {
          ProductionRecord r = records.get(i);
          UUID root = corrections ? roots.get(r.corrects()) : r.id();
          int revision = corrections ? nextRevision.merge(root, 1, Integer::sum) : 0;
          insert.add(i);
          rows.add(RecordInserts.row(r, root, revision, caller, roots));
        }
        if (rows.isEmpty()) {
          return Future.succeededFuture();
        }
        return RecordInserts.insert(conn, type, rows, skipStored).compose(created -> {
          Map<UUID, Integer> skipped = new HashMap<>();
          for (int i : insert) {
            ProductionRecord r = records.get(i);
            if (created.contains(r.id())) {
              outcomes[i] = new Outcome(r.id(), type, "created", null, null, null);
              noteEffects(r, corrections);
            } else {
              skipped.put(r.id(), i);
            }
          }
          return skipped.isEmpty() ? Future.succeededFuture() : markStored(type, skipped);
        });
      });
    }

    /**
     * Finds the root of each correction's target and locks it, so concurrent corrections of one
     * record take turns; answers the latest revision per root (the next is one more).
     */
    private Future<Map<UUID, Integer>> resolveCorrections(RecordType type, List<Integer> pending) {
      Set<UUID> targets = pending.stream().map(i -> records.get(i).corrects()).collect(Collectors.toSet());
      String extra = type == RecordType.OPERATION ? ", type" : "";
      return conn.preparedQuery("SELECT id, root_id, producer_id" + extra + " FROM " + type.table() + " WHERE id = ANY($1)")
          .execute(Tuple.of(targets.toArray(UUID[]::new)))
          .compose(rows -> {
            Map<UUID, UUID> own = ownRoots(rows);
            if (type == RecordType.OPERATION) {
              rows.forEach(row -> operationTypeOfRoot.put(row.getUUID("root_id"), row.getString("type")));
            }
            for (int i : pending) {
              ProductionRecord r = records.get(i);
              UUID root = own.get(r.corrects());
              if (root == null) {
                reject(i, ApiError.invalid("corrects", "corrects names no " + type.id() + " of this producer"));
              } else if (r instanceof Operation op && !op.operation().equals(operationTypeOfRoot.get(root))) {
                reject(i, ApiError.invalid("type", "a correction keeps the record's type ("
                    + operationTypeOfRoot.get(root) + "); record a new operation instead"));
              } else {
                roots.put(r.corrects(), root);
              }
            }
            UUID[] lock = new HashSet<>(own.values()).stream().sorted().toArray(UUID[]::new);
            return conn.preparedQuery("SELECT id FROM " + type.table() + " WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                .execute(Tuple.of((Object) lock))
                .compose(locked -> conn.preparedQuery("SELECT root_id, max(revision) AS revision FROM " + type.table()
                    + " WHERE revision > 0 AND root_id = ANY($1) GROUP BY root_id").execute(Tuple.of((Object) lock)));
          })
          .map(rows -> {
            Map<UUID, Integer> latest = new HashMap<>();
            rows.forEach(row -> latest.put(row.getUUID("root_id"), row.getInteger("revision")));
            return latest;
          });
    }

    /**
     * What a stored record means for batches and the interval rule: a harvest is judged itself;
     * a new application can break the harvests on its plot within its interval; a corrected
     * seeding, transplanting, application or input may change any judgement on its plots. A new
     * seeding only ever shortens a cycle, so it cannot break a harvest.
     */
    private void noteEffects(ProductionRecord record, boolean correction) {
      if (record instanceof Input && correction) {
        judgement.correctedInputs.add(roots.get(record.corrects()));
      } else if (record instanceof Operation op) {
        String type = op.operation();
        if (type.equals("harvest")) {
          judgement.harvests.add(correction ? roots.get(op.corrects()) : op.id());
          if (!correction) {
            newHarvests.add(new Batches.NewBatch(Ids.timeOrdered(), op.id(), op.occurredAt().toLocalDate()));
          }
        } else if (correction && (CYCLE_STARTS.contains(type) || APPLICATIONS.contains(type))) {
          judgement.correctedOperations.add(roots.get(op.corrects()));
        } else if (APPLICATIONS.contains(type)) {
          judgement.applications.put(op.id(), inputDays.getOrDefault(op.inputId(), 0));
        }
      }
    }

    /**
     * Judges every harvest the stored records bear on, then makes the new harvests' batches: a
     * batch whose harvest broke an interval is held, saying which application and why. Judged
     * first, so the day's lot counter is locked only for the last statement before the commit;
     * the batches of harvests sent again are read, and the transaction committed, in the same
     * round trip.
     */
    private Future<Void> judgeHarvests() {
      Map<UUID, UUID> batchOfHarvest = new HashMap<>();
      return Phi.newViolations(conn, caller.producerId(), judgement, batchOfHarvest).compose(violations -> {
        List<Batches.Event> events = new ArrayList<>();
        for (Batches.NewBatch made : newHarvests) {
          batchOfHarvest.put(made.harvestId(), made.id());
          if (!violations.containsKey(made.harvestId())) {
            events.add(new Batches.Event(made.id(), Batches.ACTIVE, "harvested", null, caller.id(), List.of()));
          }
        }
        Set<UUID> harvestedNow = newHarvests.stream().map(Batches.NewBatch::harvestId).collect(Collectors.toSet());
        violations.forEach((harvest, list) ->
            events.add(holdEvent(batchOfHarvest.get(harvest), list, harvestedNow.contains(harvest))));
        Map<UUID, List<Integer>> harvests = harvestsAnswered();
        Set<UUID> madeBefore = new HashSet<>(harvests.keySet());
        madeBefore.removeAll(harvestedNow);
        return Future.all(Batches.record(conn, caller.producerId(), newHarvests, events),
                Batches.byHarvest(conn, madeBefore), conn.query("COMMIT").execute())
            .map(all -> {
              Map<UUID, JsonObject> batches = new HashMap<>(all.<Map<UUID, JsonObject>>resultAt(0));
              batches.putAll(all.resultAt(1));
              attachBatches(harvests, batches);
              return null;
            });
      });
    }

    private Batches.Event holdEvent(UUID batch, List<Phi.Violation> violations, boolean atHarvest) {
      String reasons = violations.stream().map(Phi.Violation::describe).collect(Collectors.joining("; "));
      String reason = (atHarvest ? "held at harvest: " : "held after a later record: ") + reasons
          + ". The batch stays held until it is released: by an inspector, or by a passing quality test.";
      JsonArray details = new JsonArray();
      violations.forEach(v -> details.add(v.toJson()));
      return new Batches.Event(batch, Batches.HELD, reason, new JsonObject().put("violations", details), null,
          violations.stream().map(Phi.Violation::applicationId).toList());
    }

    /** The harvests (originals) answered created or duplicate, each with where it is in the request. */
    private Map<UUID, List<Integer>> harvestsAnswered() {
      Map<UUID, List<Integer>> harvests = new LinkedHashMap<>();
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i) instanceof Operation op && op.operation().equals("harvest") && op.corrects() == null
            && outcomes[i] != null && !outcomes[i].status().equals("rejected")) {
          harvests.computeIfAbsent(op.id(), id -> new ArrayList<>()).add(i);
        }
      }
      return harvests;
    }

    /**
     * Every harvest's outcome (created or duplicate) carries its batch, so a retry learns the
     * same: a batch made now as it was made, one made before as read after this write's events
     * (sent on the same connection right after them, so it sees them).
     */
    private void attachBatches(Map<UUID, List<Integer>> harvests, Map<UUID, JsonObject> batches) {
      harvests.forEach((id, indexes) -> indexes.forEach(i -> {
        JsonObject batch = batches.get(id);
        if (batch != null) {
          Outcome o = outcomes[i];
          String message = Batches.HELD.equals(batch.getString("status"))
              ? "Recorded. The batch " + batch.getString("lotCode") + " is HELD: " + batch.getString("reason")
              : o.message();
          outcomes[i] = new Outcome(o.id(), o.type(), o.status(), message, o.field(), batch);
        }
      }));
    }
  }
}
