package agritrace.producer;

import agritrace.http.Message;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * How one pillar of the 五有 profile is judged for a producer. Each feature that holds a
 * pillar's data supplies its check; the profile asks them all.
 *
 * @param pillar the pillar judged
 * @param gaps   for a producer and today's date, what it still lacks, as messages for a person;
 *               empty when the pillar is satisfied
 */
public record PillarCheck(Pillar pillar, BiFunction<UUID, LocalDate, Future<List<Message>>> gaps) {

  /** A pillar whose records agritrace does not hold yet: always missing, saying why. */
  public static PillarCheck notRecordedYet(Pillar pillar, Message gap) {
    return new PillarCheck(pillar, (producerId, today) -> Future.succeededFuture(List.of(gap)));
  }
}
