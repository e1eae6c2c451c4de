package agritrace.producer;

import agritrace.http.Message;
import agritrace.http.Messages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * How one pillar of the 五有 profile is judged for a producer. Each feature that holds a
 * pillar's data supplies its check; the profile asks them all.
 *
 * @param pillar  the pillar judged
 * @param gaps    for a producer and today's date, what it still lacks, as messages for a person;
 *                empty when the pillar is satisfied
 * @param details for a producer and the reader's language, what the profile shows of the
 *                pillar's data besides (fields added to the pillar's JSON, e.g. the products and
 *                their rules), or null when it shows nothing more
 */
public record PillarCheck(Pillar pillar, BiFunction<UUID, LocalDate, Future<List<Message>>> gaps,
    BiFunction<UUID, Messages.Language, Future<JsonObject>> details) {

  /** A pillar judged by its gaps only. */
  public PillarCheck(Pillar pillar, BiFunction<UUID, LocalDate, Future<List<Message>>> gaps) {
    this(pillar, gaps, null);
  }

  /** The fields the profile adds to the pillar's JSON: none when there are no details. */
  Future<JsonObject> detailsOf(UUID producerId, Messages.Language language) {
    return details == null ? Future.succeededFuture(new JsonObject()) : details.apply(producerId, language);
  }

  /** A pillar whose records agritrace does not hold yet: always missing, saying why. */
  public static PillarCheck notRecordedYet(Pillar pillar, Message gap) {
    return new PillarCheck(pillar, (producerId, today) -> Future.succeededFuture(List.of(gap)));
  }
}
