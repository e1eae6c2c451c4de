package agritrace.quality;

import agritrace.http.ApiError;
import agritrace.http.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A test as the phone sends it, checked field by field (a 400 names the first bad one). A rapid
 * test has a method, an inhibition rate in % and a tester; a lab test a lab, a report number and
 * date, and its analytes; {@code commodity} (a catalogue code) says what was grown when the
 * harvest's crop names no commodity. A correction names the earlier test it {@code corrects} and why.
 */
record NewTest(UUID id, String kind, OffsetDateTime testedAt, String sample, String notes, String method,
    BigDecimal inhibitionRate, String tester, String lab, String reportNo, LocalDate reportedOn, String commodity,
    List<Analyte> analytes, UUID corrects, String correctionReason, JsonObject content) {

  static final int MAX_ANALYTES = 200;

  static NewTest from(Fields body) {
    UUID id = body.optionalUuid("id");
    if (id == null) {
      throw ApiError.invalid("id", "field.required");
    }
    String kind = body.oneOf("kind", Set.of("rapid", "lab"));
    OffsetDateTime testedAt = body.timestamp("testedAt", true);
    String sample = body.text("sample", 200);
    String notes = body.optionalText("notes", 2000);
    UUID corrects = body.optionalUuid("corrects");
    String correctionReason = corrects == null ? null : body.text("correctionReason", 500);
    // The body is kept as sent, so every field the spec names is checked as it says, also when
    // this kind of test does not use it (a rapid test's lab, a lab test's method).
    body.optionalText("correctionReason", 500);
    body.optionalText("method", 200);
    body.number("inhibitionRate", 0, 100, false);
    body.optionalText("tester", 100);
    String lab = body.optionalText("lab", 200);
    String reportNo = body.optionalText("reportNo", 100);
    LocalDate reportedOn = body.has("reportedOn") ? body.date("reportedOn") : null;
    String commodity = body.optionalText("commodity", 40);
    List<Analyte> analytes = analytes(body.json().getValue("analytes"));
    if (kind.equals("rapid")) {
      return new NewTest(id, kind, testedAt, sample, notes, body.text("method", 200),
          body.number("inhibitionRate", 0, 100, true), body.text("tester", 100), null, null, null, null, List.of(),
          corrects, correctionReason, body.json());
    }
    if (lab == null || reportNo == null || reportedOn == null) {
      body.text("lab", 200);
      body.text("reportNo", 100);
      body.date("reportedOn");
    }
    if (analytes.isEmpty()) {
      throw ApiError.invalid("analytes", "quality.analytes_required");
    }
    return new NewTest(id, kind, testedAt, sample, notes, null, null, null, lab, reportNo, reportedOn, commodity,
        analytes, corrects, correctionReason, body.json());
  }

  /** The analytes measured, none when absent; a list, when sent, has at least one (the spec's minItems). */
  private static List<Analyte> analytes(Object raw) {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof JsonArray items) || items.isEmpty()) {
      throw ApiError.invalid("analytes", "quality.analytes_required");
    }
    if (items.size() > MAX_ANALYTES) {
      throw ApiError.invalid("analytes", "quality.too_many_analytes", "max", MAX_ANALYTES);
    }
    List<Analyte> analytes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      analytes.add(Analyte.measured(i, items.getValue(i)));
    }
    return analytes;
  }

  boolean rapid() {
    return kind.equals("rapid");
  }
}
