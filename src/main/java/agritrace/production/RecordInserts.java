package agritrace.production;

import agritrace.http.Caller;
import agritrace.production.Records.Input;
import agritrace.production.Records.Operation;
import agritrace.production.Records.ProductionRecord;
import agritrace.production.Records.Unit;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Inserting production records: each record type's row, and the batched statements that store them. */
final class RecordInserts {

  private static final String INSERT_UNIT = """
      INSERT INTO production_units (id, root_id, revision, correction_reason, producer_id, name, kind, size, size_unit,
                                    lat, lon, crop, recorded_at, recorded_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, coalesce($13, now()), $14) ON CONFLICT (id) DO NOTHING RETURNING id""";
  private static final String INSERT_INPUT = """
      INSERT INTO inputs (id, root_id, revision, correction_reason, producer_id, name, kind, registration_no,
                          active_ingredients, interval_days, intervals_by_crop, recorded_at, recorded_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12, now()), $13) ON CONFLICT (id) DO NOTHING RETURNING id""";
  /**
   * Operations come 500 at a time: one statement inserts them all, each column sent as an array.
   * This plain insert fails on an id already stored; {@link #INSERT_OPERATIONS_SKIPPING_STORED}
   * skips stored ids, at the cost of looking each one up first.
   */
  private static final String INSERT_OPERATIONS = """
      INSERT INTO operations (id, root_id, revision, correction_reason, producer_id, unit_id, type, occurred_at,
                              occurred_offset, local_date, notes, input_id, input_lot, dose, dose_unit, quantity,
                              quantity_unit, crop, recorded_by)
      SELECT id, root_id, revision, correction_reason, $5, unit_id, type, occurred_at, occurred_offset, local_date,
             notes, input_id, input_lot, dose::numeric, dose_unit, quantity::numeric, quantity_unit, crop, $19
      FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $6::uuid[], $7::text[], $8::timestamptz[],
                  $9::text[], $10::date[], $11::text[], $12::uuid[], $13::text[], $14::text[], $15::text[],
                  $16::text[], $17::text[], $18::text[])
        AS t(id, root_id, revision, correction_reason, unit_id, type, occurred_at, occurred_offset, local_date,
             notes, input_id, input_lot, dose, dose_unit, quantity, quantity_unit, crop)
      """;
  private static final String INSERT_OPERATIONS_SKIPPING_STORED = INSERT_OPERATIONS + "ON CONFLICT (id) DO NOTHING RETURNING id";
  /** The key an operation id already stored breaks in {@link #INSERT_OPERATIONS}. */
  static final String OPERATION_KEY = "operations_pkey";

  private RecordInserts() {
  }

  /**
   * Inserts the rows, skipping ids already stored (a concurrent resend); answers the ids inserted.
   * Unless {@code skipStored}, operations are inserted plainly: all of them, or, if an id is already
   * stored, none, the statement failing on {@link #OPERATION_KEY}.
   */
  static Future<Set<UUID>> insert(SqlClient conn, RecordType type, List<Tuple> rows, boolean skipStored) {
    if (type == RecordType.OPERATION && !skipStored) {
      return conn.preparedQuery(INSERT_OPERATIONS).execute(columns(rows)).map(inserted -> {
        Set<UUID> created = new HashSet<>();
        rows.forEach(row -> created.add(row.getUUID(0)));
        return created;
      });
    }
    if (type == RecordType.OPERATION) {
      return conn.preparedQuery(INSERT_OPERATIONS_SKIPPING_STORED).execute(columns(rows)).map(result -> {
        Set<UUID> created = new HashSet<>();
        result.forEach(row -> created.add(row.getUUID("id")));
        return created;
      });
    }
    return conn.preparedQuery(type == RecordType.PLOT ? INSERT_UNIT : INSERT_INPUT).executeBatch(rows).map(result -> {
      Set<UUID> created = new HashSet<>();
      for (RowSet<Row> each = result; each != null; each = each.next()) {
        each.forEach(row -> created.add(row.getUUID("id")));
      }
      return created;
    });
  }

  /**
   * Operation rows turned into one array per column for {@link #INSERT_OPERATIONS}; the producer
   * ($5) and the recorder ($19) are the same for every row. Decimals go as text, cast in SQL. Rows
   * go in id order: two syncs sending some of the same records take those keys in the same order,
   * so one waits for the other instead of both deadlocking.
   */
  private static Tuple columns(List<Tuple> unordered) {
    List<Tuple> rows = new ArrayList<>(unordered);
    rows.sort(Comparator.comparing(row -> row.getUUID(0)));
    int n = rows.size();
    Object[][] columns = new Object[19][];
    Class<?>[] types = {UUID.class, UUID.class, Integer.class, String.class, null, UUID.class, String.class,
        java.time.OffsetDateTime.class, String.class, LocalDate.class, String.class, UUID.class, String.class,
        String.class, String.class, String.class, String.class, String.class, null};
    for (int c = 0; c < 19; c++) {
      if (types[c] != null) {
        columns[c] = (Object[]) java.lang.reflect.Array.newInstance(types[c], n);
      }
    }
    for (int r = 0; r < n; r++) {
      Tuple row = rows.get(r);
      for (int c = 0; c < 19; c++) {
        if (columns[c] != null) {
          Object value = row.getValue(c);
          columns[c][r] = value instanceof java.math.BigDecimal d ? d.toPlainString() : value;
        }
      }
    }
    Object[] args = new Object[19];
    for (int c = 0; c < 19; c++) {
      args[c] = columns[c] != null ? columns[c] : rows.get(0).getValue(c);
    }
    return Tuple.from(args);
  }

  /**
   * A record as the row of its table: {@code root} and {@code revision} place it among its
   * versions; {@code roots} maps the plot and input ids an operation names to their records' roots.
   */
  static Tuple row(ProductionRecord record, UUID root, int revision, Caller caller, Map<UUID, UUID> roots) {
    UUID producer = caller.producerId();
    if (record instanceof Unit u) {
      return Tuple.from(new Object[] {u.id(), root, revision, u.correctionReason(), producer, u.name(),
          u.kind(), u.size(), u.sizeUnit(), u.lat(), u.lon(), u.crop(), u.recordedAt(), caller.id()});
    }
    if (record instanceof Input in) {
      return Tuple.from(new Object[] {in.id(), root, revision, in.correctionReason(), producer, in.name(),
          in.kind(), in.registrationNo(), in.activeIngredients().toArray(String[]::new), in.intervalDays(),
          in.intervalsByCrop(), in.recordedAt(), caller.id()});
    }
    Operation op = (Operation) record;
    return Tuple.from(new Object[] {op.id(), root, revision, op.correctionReason(), producer,
        roots.get(op.plotId()), op.operation().id(), op.occurredAt(), op.occurredAt().getOffset().getId(),
        op.occurredAt().toLocalDate(), op.notes(), op.inputId() == null ? null : roots.get(op.inputId()),
        op.inputLot(), op.dose(), op.doseUnit(), op.quantity(), op.quantityUnit(), op.crop(), caller.id()});
  }
}
