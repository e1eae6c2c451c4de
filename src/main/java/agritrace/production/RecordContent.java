package agritrace.production;

import agritrace.production.Records.Input;
import agritrace.production.Records.Operation;
import agritrace.production.Records.ProductionRecord;
import agritrace.production.Records.Unit;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * What a record says, compared as the server reads it: {@code 2.50} is {@code 2.5}, the same
 * instant in another offset is the same time, a plot or input named by any of its versions is
 * that record, and a field the phone left out (a plot's or input's recordedAt) is not compared.
 * Who sent it and when it arrived do not count. A resend is a duplicate only when it says the same.
 */
final class RecordContent {

  /** Stands for a field the phone did not send: it matches whatever is stored. */
  private static final Object NOT_SENT = new Object();

  private RecordContent() {
  }

  /**
   * Whether a record sent says what a stored row says. {@code roots} turns the plot and input ids
   * an operation names into their records' roots; {@code correctsRoot} is the root of the record
   * a correction names (null for an original).
   */
  static boolean same(ProductionRecord sent, UnaryOperator<UUID> roots, UUID correctsRoot, Row stored) {
    return matches(sent(sent, roots, correctsRoot), stored(sent.type(), stored));
  }

  /** Whether two records sent in one request say the same. */
  static boolean same(ProductionRecord a, ProductionRecord b) {
    return a.type() == b.type() && matches(sent(a, id -> id, a.corrects()), sent(b, id -> id, b.corrects()));
  }

  private static boolean matches(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != NOT_SENT && b.get(i) != NOT_SENT && !Objects.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<Object> sent(ProductionRecord record, UnaryOperator<UUID> roots, UUID correctsRoot) {
    if (record instanceof Unit u) {
      return Arrays.asList(correctsRoot, u.correctionReason(), u.name(), u.kind(), decimal(u.size()), u.sizeUnit(),
          u.lat(), u.lon(), u.crop(), time(u.recordedAt()));
    }
    if (record instanceof Input in) {
      return Arrays.asList(correctsRoot, in.correctionReason(), in.name(), in.kind(), in.registrationNo(),
          in.activeIngredients(), in.intervalDays(), in.intervalsByCrop(), time(in.recordedAt()));
    }
    Operation op = (Operation) record;
    return Arrays.asList(correctsRoot, op.correctionReason(), roots.apply(op.plotId()), op.operation().id(),
        op.occurredAt().toInstant(), op.notes(), op.inputId() == null ? null : roots.apply(op.inputId()), op.inputLot(),
        decimal(op.dose()), op.doseUnit(), decimal(op.quantity()), op.quantityUnit(), op.crop());
  }

  private static List<Object> stored(RecordType type, Row row) {
    UUID correctsRoot = row.getInteger("revision") > 0 ? row.getUUID("root_id") : null;
    return switch (type) {
      case PLOT -> Arrays.asList(correctsRoot, row.getString("correction_reason"), row.getString("name"),
          row.getString("kind"), decimal(row.getBigDecimal("size")), row.getString("size_unit"), row.getDouble("lat"),
          row.getDouble("lon"), row.getString("crop"), row.getOffsetDateTime("recorded_at").toInstant());
      case INPUT -> Arrays.asList(correctsRoot, row.getString("correction_reason"), row.getString("name"),
          row.getString("kind"), row.getString("registration_no"), List.of(row.getArrayOfStrings("active_ingredients")),
          row.getInteger("interval_days"), row.getJsonObject("intervals_by_crop"),
          row.getOffsetDateTime("recorded_at").toInstant());
      case OPERATION -> Arrays.asList(correctsRoot, row.getString("correction_reason"), row.getUUID("unit_id"),
          row.getString("type"), row.getOffsetDateTime("occurred_at").toInstant(), row.getString("notes"),
          row.getUUID("input_id"), row.getString("input_lot"), decimal(row.getBigDecimal("dose")),
          row.getString("dose_unit"), decimal(row.getBigDecimal("quantity")), row.getString("quantity_unit"),
          row.getString("crop"));
    };
  }

  private static Object time(OffsetDateTime t) {
    return t == null ? NOT_SENT : t.toInstant();
  }

  private static BigDecimal decimal(BigDecimal d) {
    return d == null ? null : d.stripTrailingZeros();
  }
}
