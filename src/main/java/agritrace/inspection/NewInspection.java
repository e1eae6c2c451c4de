package agritrace.inspection;

import agritrace.http.ApiError;
import agritrace.http.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An inspection as the inspector's phone sends it, checked field by field (a 400 names the first
 * bad one): the phone's own id, the template version it was filled with, when the visit was, an
 * answer for every item of that template (a fail with a note saying what was wrong) and an overall
 * note. A correction names the inspection it {@code corrects} and why.
 */
record NewInspection(UUID id, UUID templateId, OffsetDateTime visitedAt, List<Answer> answers, String note,
    UUID corrects, String correctionReason, JsonObject content) {

  static final Set<String> ANSWERS = Set.of("pass", "fail", "not_applicable");
  static final int MAX_NOTE = 1000;
  /** A phone's clock may run a little fast; a visit further ahead than this has not happened. */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(10);

  /** One item's answer. */
  record Answer(int position, String item, String answer, String note) {
  }

  static NewInspection from(Fields body) {
    UUID id = required(body, "id");
    UUID templateId = required(body, "templateId");
    OffsetDateTime visitedAt = body.timestamp("visitedAt", true);
    if (visitedAt.isAfter(OffsetDateTime.now().plus(CLOCK_SLACK))) {
      throw ApiError.invalid("visitedAt", "inspection.visit_ahead");
    }
    Object raw = body.json().getValue("answers");
    if (!(raw instanceof JsonArray list) || list.isEmpty()) {
      throw ApiError.invalid("answers", "inspection.answers_required");
    }
    if (list.size() > Checklist.MAX_ITEMS) {
      throw ApiError.invalid("answers", "inspection.too_many_answers", "max", Checklist.MAX_ITEMS);
    }
    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.getValue(i) instanceof JsonObject json)) {
        throw ApiError.invalid("answers[" + i + "]", "field.object");
      }
      answers.add(answer(i, new Fields(json)));
    }
    String note = body.optionalText("note", MAX_NOTE * 2);
    UUID corrects = body.optionalUuid("corrects");
    String reason = corrects == null ? null : body.text("correctionReason", 500);
    return new NewInspection(id, templateId, visitedAt, answers, note, corrects, reason, body.json());
  }

  private static UUID required(Fields body, String name) {
    UUID id = body.optionalUuid(name);
    if (id == null) {
      throw ApiError.invalid(name, "field.required");
    }
    return id;
  }

  /** One answer's fields, each fault named as {@code answers[i].field}. */
  private static Answer answer(int i, Fields json) {
    String field = "answers[" + i + "]";
    try {
      return new Answer(i, json.text("item", 40), json.oneOf("answer", ANSWERS), json.optionalText("note", MAX_NOTE));
    } catch (ApiError e) {
      throw ApiError.invalid(field + "." + e.field(), e.message().code(), arguments(e));
    }
  }

  private static Object[] arguments(ApiError e) {
    List<Object> args = new ArrayList<>();
    e.message().args().forEach(arg -> {
      if (!arg.getKey().equals("field")) {
        args.add(arg.getKey());
        args.add(arg.getValue());
      }
    });
    return args.toArray();
  }

  /**
   * The answers judged against the template they were filled with: every item answered once, no
   * item the template lacks, a note on every fail.
   */
  void check(Checklist template) {
    Map<String, Integer> seen = new HashMap<>();
    for (Answer a : answers) {
      String field = "answers[" + a.position() + "]";
      if (template.item(a.item()) == null) {
        throw ApiError.invalid(field + ".item", "inspection.unknown_item", "item", a.item(),
            "template", template.title().getString("zh"));
      }
      Integer earlier = seen.putIfAbsent(a.item(), a.position());
      if (earlier != null) {
        throw ApiError.invalid(field + ".item", "inspection.answered_twice", "item", a.item(), "position", earlier);
      }
      if (a.answer().equals("fail") && a.note() == null) {
        throw ApiError.invalid(field + ".note", "inspection.fail_needs_note", "item", a.item());
      }
    }
    List<String> unanswered = new ArrayList<>();
    template.items().forEach(item -> {
      String itemId = ((JsonObject) item).getString("id");
      if (!seen.containsKey(itemId)) {
        unanswered.add(itemId);
      }
    });
    if (!unanswered.isEmpty()) {
      throw ApiError.invalid("answers", "inspection.unanswered", "items", unanswered);
    }
  }
}
