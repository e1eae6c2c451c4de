package agritrace.producer;

import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.Json;
import agritrace.http.Message;
import agritrace.http.Messages;
import agritrace.http.Messages.Language;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** The 五有 profile: each pillar satisfied or missing, with what is missing in the reader's language. */
public final class Profile {

  private final Producers producers;
  private final ZoneId zone;
  private final List<PillarCheck> checks;
  private final Map<String, Function<UUID, Future<JsonObject>>> blocks = new LinkedHashMap<>();

  /** {@code later} holds the checks of the pillars other features own, in pillar order. */
  public Profile(Pool pool, Producers producers, ZoneId zone, List<PillarCheck> later) {
    this.producers = producers;
    this.zone = zone;
    List<PillarCheck> all = new ArrayList<>();
    all.add(rulesCheck(pool));
    all.add(peopleCheck(pool));
    all.addAll(later);
    all.sort((a, b) -> a.pillar().compareTo(b.pillar()));
    this.checks = List.copyOf(all);
  }

  /**
   * Adds a block another feature shows beside the pillars (the latest inspections), under
   * {@code key} of the answer: what it holds is that feature's, read for the producer.
   */
  public Profile with(String key, Function<UUID, Future<JsonObject>> block) {
    blocks.put(key, block);
    return this;
  }

  public void mount(Router router) {
    router.get("/api/v1/producers/:producerId/profile")
        .handler(Access.producer("producerId", Right.READ, producers::exists)).handler(this::show);
  }

  private void show(RoutingContext ctx) {
    UUID producerId = Access.producerId(ctx);
    LocalDate today = LocalDate.now(zone);
    Language language = Messages.language(ctx);
    List<Future<?>> asked = new ArrayList<>();
    checks.forEach(c -> asked.add(c.gaps().apply(producerId, today)));
    checks.forEach(c -> asked.add(c.detailsOf(producerId, language)));
    blocks.values().forEach(block -> asked.add(block.apply(producerId)));
    Future.all(asked)
        .onSuccess(results -> {
          JsonArray pillars = new JsonArray();
          int satisfied = 0;
          for (int i = 0; i < checks.size(); i++) {
            Pillar pillar = checks.get(i).pillar();
            List<Message> gaps = results.resultAt(i);
            satisfied += gaps.isEmpty() ? 1 : 0;
            pillars.add(new JsonObject()
                .put("key", pillar.key())
                .put("name", Messages.render(pillar.title(), Language.ZH))
                .put("title", Messages.render(pillar.title(), Language.EN))
                .put("status", gaps.isEmpty() ? "satisfied" : "missing")
                .put("reason", gaps.isEmpty() ? null : Messages.render(gaps, language))
                .put("gaps", new JsonArray(gaps.stream().map(gap -> Messages.toJson(gap, language)).toList()))
                .mergeIn(results.<JsonObject>resultAt(checks.size() + i)));
          }
          JsonObject answer = new JsonObject()
              .put("producerId", producerId.toString())
              .put("asOf", today.toString())
              .put("satisfied", satisfied)
              .put("total", checks.size())
              .put("pillars", pillars);
          int next = 2 * checks.size();
          for (String key : blocks.keySet()) {
            answer.put(key, results.<JsonObject>resultAt(next++));
          }
          Json.ok(ctx, answer);
        })
        .onFailure(ctx::fail);
  }

  /** 有管理制度: a rule in effect today for each category the model expects. */
  private static PillarCheck rulesCheck(Pool pool) {
    return new PillarCheck(Pillar.MANAGEMENT_RULES, (producerId, today) -> pool.preparedQuery(
            "SELECT DISTINCT category FROM management_rules WHERE producer_id = $1 AND effective_date <= $2")
        .execute(Tuple.of(producerId, today))
        .map(rows -> {
          Set<String> present = new HashSet<>();
          rows.forEach(row -> present.add(row.getString("category")));
          List<Message> lacking = RuleRoutes.CATEGORIES.stream().filter(c -> !present.contains(c))
              .map(c -> Message.of("category." + c)).toList();
          return lacking.isEmpty() ? List.of() : List.of(Message.of("profile.no_rule", "categories", lacking));
        }));
  }

  /** 有管理人员: a named quality manager with training on record. */
  private static PillarCheck peopleCheck(Pool pool) {
    return new PillarCheck(Pillar.RESPONSIBLE_PEOPLE, (producerId, today) -> pool.preparedQuery("""
            SELECT count(*) AS managers,
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM trainings t WHERE t.person_id = p.id)) AS trained
            FROM personnel p WHERE p.producer_id = $1 AND p.duty = 'quality_manager'""")
        .execute(Tuple.of(producerId))
        .map(rows -> {
          var row = rows.iterator().next();
          if (row.getLong("managers") == 0) {
            return List.of(Message.of("profile.no_quality_manager"));
          }
          return row.getLong("trained") == 0 ? List.of(Message.of("profile.manager_untrained")) : List.<Message>of();
        }));
  }
}
