package agritrace.production;

import agritrace.db.Ids;
import agritrace.http.Message;
import agritrace.production.OperationType.Group;
import agritrace.production.Records.Input;
import agritrace.production.Records.Operation;
import agritrace.production.Records.ProductionRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a sync's stored records mean for batches: new harvests make batches, and every harvest
 * the records bear on is judged under the pre-harvest interval rule ({@link Phi}). A broken
 * interval holds the batch (or, on a rejected or recalled batch, is recorded as found); a sync
 * never fails on a batch's status.
 */
final class HarvestJudge {

  private final Phi.Judgement judgement = new Phi.Judgement();
  private final List<Batches.NewBatch> newBatches = new ArrayList<>();

  /**
   * Notes a stored record: a harvest is judged itself; a new application can break the harvests
   * on its plot within its interval; a corrected cycle start, application or input may change any
   * judgement on its plots. A new cycle start only ever shortens a cycle, so it cannot break one.
   */
  void noteStored(SyncWrite w, ProductionRecord record, boolean correction) {
    if (record instanceof Input && correction) {
      judgement.correctedInputs.add(w.root(record.corrects()));
    } else if (record instanceof Operation op) {
      Group group = op.operation().group();
      if (group == Group.HARVEST) {
        judgement.harvests.add(correction ? w.root(op.corrects()) : op.id());
        if (!correction) {
          newBatches.add(new Batches.NewBatch(Ids.timeOrdered(), op.id(), op.occurredAt().toLocalDate()));
        }
      } else if (correction && (group == Group.CYCLE_START || group == Group.APPLICATION)) {
        judgement.correctedOperations.add(w.root(op.corrects()));
      } else if (group == Group.APPLICATION) {
        judgement.applications.put(op.id(), w.inputDays.getOrDefault(op.inputId(), 0));
      }
    }
  }

  /**
   * Judges, then makes the new batches and appends their events; the batches of harvests sent
   * again are read together with that last statement. Judged first, so the day's lot counter is
   * locked only for the last statement before the commit.
   */
  Future<Void> judge(SyncWrite w) {
    Map<UUID, UUID> batchOfHarvest = new HashMap<>();
    return Phi.newViolations(w.tx, w.caller.producerId(), judgement, batchOfHarvest).compose(violations -> {
      Set<UUID> harvestedNow = new HashSet<>();
      newBatches.forEach(made -> harvestedNow.add(made.harvestId()));
      Set<UUID> earlier = new HashSet<>();
      violations.keySet().stream().filter(h -> !harvestedNow.contains(h)).forEach(h -> earlier.add(batchOfHarvest.get(h)));
      Future<Map<UUID, BatchStatus>> statuses = earlier.isEmpty() ? Future.succeededFuture(Map.of())
          : Batches.lock(w.tx, earlier);
      return statuses.compose(current -> {
        List<Batches.Event> events = new ArrayList<>();
        for (Batches.NewBatch made : newBatches) {
          List<Phi.Violation> broken = violations.get(made.harvestId());
          events.add(broken == null
              ? new Batches.Event(made.id(), BatchStatus.HARVESTED, Message.of("batch.harvested"), null, w.caller.id(), List.of())
              : hold(made.id(), BatchStatus.HELD, "batch.held_at_harvest", broken));
        }
        violations.forEach((harvest, broken) -> {
          if (!harvestedNow.contains(harvest)) {
            UUID batch = batchOfHarvest.get(harvest);
            events.add(hold(batch, current.get(batch).afterHoldingFinding(), "batch.held_after_record", broken));
          }
        });
        List<SyncItem> harvests = w.items.stream().filter(item -> item.isHarvest() && item.record.corrects() == null
            && (item.status() == SyncItem.Status.CREATED || item.status() == SyncItem.Status.DUPLICATE)).toList();
        Set<UUID> madeBefore = new HashSet<>();
        harvests.forEach(item -> madeBefore.add(item.record.id()));
        madeBefore.removeAll(harvestedNow);
        Future<Map<UUID, Batch>> made = Batches.record(w.tx, w.caller.producerId(), newBatches, events);
        Future<Map<UUID, Batch>> before = Batches.byHarvest(w.tx, madeBefore);
        return Future.all(made, before).map(all -> {
          Map<UUID, Batch> batches = new HashMap<>(made.result());
          batches.putAll(before.result());
          harvests.forEach(item -> item.batch = batches.get(item.record.id()));
          return null;
        });
      });
    });
  }

  /**
   * A hold event (by agritrace's own rule, so no user) naming each broken interval; {@code status}
   * is where the finding leaves the batch.
   */
  private static Batches.Event hold(UUID batch, BatchStatus status, String code, List<Phi.Violation> broken) {
    JsonArray details = new JsonArray();
    broken.forEach(v -> details.add(v.toJson()));
    Message reason = Message.of(code, "violations", Message.clauses(broken.stream().map(Phi.Violation::message).toList()));
    return new Batches.Event(batch, status, reason, new JsonObject().put("violations", details), null,
        broken.stream().map(Phi.Violation::applicationId).toList());
  }
}
