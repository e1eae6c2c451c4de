package agritrace.production;

import agritrace.http.ApiError;
import agritrace.http.Fields;
import agritrace.http.Message;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reading production records from JSON: every rule a record must meet on its own, before it is
 * compared with what is stored. A broken rule is an {@link ApiError} naming the field.
 */
public final class Records {

  static final Set<String> UNIT_KINDS = Set.of("plot", "base", "greenhouse", "orchard", "tea_garden",
      "vegetable_garden", "fish_pond", "barn", "pen");
  static final Set<String> SIZE_UNITS = Set.of("mu", "hectare", "m2", "head");
  static final Set<String> INPUT_KINDS = Set.of("fertilizer", "pesticide", "feed", "vet_drug", "other");
  /** The units a quantity may be given in (the catalogue names each as quantity_unit.{unit}). */
  public static final Set<String> QUANTITY_UNITS = Set.of("kg", "g", "jin", "t", "l", "ml", "head", "piece", "box",
      "crate", "bag", "bottle", "dozen", "mu");
  static final Set<String> DOSE_UNITS = Set.of("ml_per_mu", "l_per_mu", "g_per_mu", "kg_per_mu", "ml_per_l",
      "g_per_l", "times_dilution", "mg_per_kg_bw", "ml_per_head", "g_per_head");

  /** How far ahead of the server's clock a phone's clock may run. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(15);
  private static final OffsetDateTime EARLIEST = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final double MAX_QUANTITY = 10_000_000;

  private Records() {
  }

  /** What every record has: the phone-made id, and for a correction the record it corrects and why. */
  sealed interface ProductionRecord permits Unit, Input, Operation {
    UUID id();

    UUID corrects();

    String correctionReason();

    RecordType type();
  }

  /** {@code recordedAt} is null when the phone did not say; the server's time of arrival is stored then. */
  record Unit(UUID id, UUID corrects, String correctionReason, String name, String kind, BigDecimal size,
      String sizeUnit, Double lat, Double lon, String crop, OffsetDateTime recordedAt) implements ProductionRecord {
    public RecordType type() {
      return RecordType.PLOT;
    }
  }

  record Input(UUID id, UUID corrects, String correctionReason, String name, String kind, String registrationNo,
      List<String> activeIngredients, Integer intervalDays, JsonObject intervalsByCrop, OffsetDateTime recordedAt)
      implements ProductionRecord {
    public RecordType type() {
      return RecordType.INPUT;
    }
  }

  record Operation(UUID id, UUID corrects, String correctionReason, UUID plotId, OperationType operation,
      OffsetDateTime occurredAt, String notes, UUID inputId, String inputLot, BigDecimal dose, String doseUnit,
      BigDecimal quantity, String quantityUnit, String crop) implements ProductionRecord {
    public RecordType type() {
      return RecordType.OPERATION;
    }
  }

  static ProductionRecord read(RecordType type, Fields data, OffsetDateTime now) {
    return switch (type) {
      case PLOT -> unit(data, now);
      case INPUT -> input(data, now);
      case OPERATION -> operation(data, now);
    };
  }

  private static UUID id(Fields data) {
    UUID id = data.optionalUuid("id");
    if (id == null) {
      throw ApiError.invalid("id", "records.id_required");
    }
    return id;
  }

  private static String correctionReason(Fields data, UUID corrects) {
    String reason = data.optionalText("correctionReason", 500);
    if (corrects != null && reason == null) {
      throw ApiError.invalid("correctionReason", "records.correction_needs_reason");
    }
    if (corrects == null && reason != null) {
      throw ApiError.invalid("corrects", "records.reason_without_corrects");
    }
    return reason;
  }

  private static OffsetDateTime when(Fields data, String name, boolean required, OffsetDateTime now) {
    OffsetDateTime at = data.timestamp(name, required);
    if (at == null) {
      return null;
    }
    if (at.isAfter(now.plus(CLOCK_SKEW))) {
      throw ApiError.invalid(name, "records.in_future");
    }
    if (at.isBefore(EARLIEST)) {
      throw ApiError.invalid(name, "records.before_2000");
    }
    return at;
  }

  private static Unit unit(Fields data, OffsetDateTime now) {
    UUID id = id(data);
    UUID corrects = data.optionalUuid("corrects");
    String reason = correctionReason(data, corrects);
    BigDecimal lat = data.number("lat", -90, 90, false);
    BigDecimal lon = data.number("lon", -180, 180, false);
    if ((lat == null) != (lon == null)) {
      throw ApiError.invalid(lat == null ? "lat" : "lon", "records.lat_lon_together");
    }
    return new Unit(id, corrects, reason, data.text("name", 100), data.oneOf("kind", UNIT_KINDS),
        data.positive("size", 1_000_000, true), data.oneOf("sizeUnit", SIZE_UNITS),
        lat == null ? null : lat.doubleValue(), lon == null ? null : lon.doubleValue(),
        data.optionalText("crop", 100), when(data, "recordedAt", false, now));
  }

  private static Input input(Fields data, OffsetDateTime now) {
    UUID id = id(data);
    UUID corrects = data.optionalUuid("corrects");
    String reason = correctionReason(data, corrects);
    String name = data.text("name", 100);
    String kind = data.oneOf("kind", INPUT_KINDS);
    boolean hasInterval = kind.equals("pesticide") || kind.equals("vet_drug");
    String registrationNo = hasInterval ? data.text("registrationNo", 40) : data.optionalText("registrationNo", 40);
    Integer intervalDays = data.integer("intervalDays", 0, 365, hasInterval);
    JsonObject byCrop = data.object("intervalsByCrop");
    JsonObject intervals = new JsonObject();
    if (byCrop != null) {
      if (byCrop.size() > 50) {
        throw ApiError.invalid("intervalsByCrop", "records.intervals_by_crop_count", "max", 50);
      }
      for (String crop : byCrop.fieldNames()) {
        Object days = byCrop.getValue(crop);
        if (crop.isBlank() || crop.strip().length() > 100 || !(days instanceof Number n)
            || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 0 || n.intValue() > 365) {
          throw ApiError.invalid("intervalsByCrop", "records.intervals_by_crop_days");
        }
        intervals.put(crop.strip(), ((Number) days).intValue());
      }
    }
    return new Input(id, corrects, reason, name, kind, registrationNo, data.textList("activeIngredients", 10, 100),
        intervalDays, intervals, when(data, "recordedAt", false, now));
  }

  private static Operation operation(Fields data, OffsetDateTime now) {
    UUID id = id(data);
    UUID corrects = data.optionalUuid("corrects");
    String reason = correctionReason(data, corrects);
    UUID plotId = data.optionalUuid("plotId");
    if (plotId == null) {
      throw ApiError.invalid("plotId", "records.plot_required");
    }
    OperationType type = OperationType.of(data.oneOf("type", OperationType.IDS));
    OffsetDateTime occurredAt = when(data, "occurredAt", true, now);
    boolean usesInput = type.usesInput();
    boolean drug = type.group() == OperationType.Group.APPLICATION;
    boolean harvest = type == OperationType.HARVEST;
    UUID inputId = data.optionalUuid("inputId");
    if (usesInput && inputId == null) {
      throw ApiError.invalid("inputId", "records.input_required", "type", Message.of("operation." + type.id()));
    }
    if (!usesInput && inputId != null) {
      throw ApiError.invalid("inputId", "records.input_not_used", "type", Message.of("operation." + type.id()));
    }
    String inputLot = usesInput ? data.text("inputLot", 64) : data.optionalText("inputLot", 64);
    BigDecimal dose = data.positive("dose", 100_000, drug);
    String doseUnit = dose == null ? null : data.oneOf("doseUnit", DOSE_UNITS);
    BigDecimal quantity = data.positive("quantity", MAX_QUANTITY, usesInput || harvest);
    String quantityUnit = quantity == null ? null : data.oneOf("quantityUnit", QUANTITY_UNITS);
    String crop = harvest ? data.text("crop", 100) : data.optionalText("crop", 100);
    return new Operation(id, corrects, reason, plotId, type, occurredAt, data.optionalText("notes", 2000),
        inputId, inputLot, dose, doseUnit, quantity, quantityUnit, crop);
  }
}
