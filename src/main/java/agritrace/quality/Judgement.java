package agritrace.quality;

import agritrace.http.Message;
import agritrace.production.Batch;
import agritrace.production.BatchStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The rules that judge a test and decide what it does to its batch: the one place they are
 * written. A rapid test (enzyme inhibition) is positive at or above the threshold. A failing
 * result holds the batch (a lab value over its limit rejects it, final); a negative rapid test
 * or a passing lab test releases a harvested batch. A batch held by a positive rapid test is
 * released by two negative retests in a row, unless a retest was positive: then only a lab test
 * decides. A batch held for a broken pre-harvest interval is released only by a passing lab test
 * that covers the active ingredients of the input that broke it (or by an inspector). A batch held
 * by an inspector or an official test is released only by an official test or an inspector.
 *
 * <p>A correction of a test judges the batch again: the corrected test no longer counts, and the
 * correction is judged by these rules against the batch as it now stands; a hold made by the
 * corrected test itself is lifted when the corrected result does not fail. A final status
 * ({@code rejected}, {@code recalled}) stays final: a correction is then recorded, and an
 * inspector is asked to look at it.
 *
 * <p>A batch's product states which tests release it (一品一策, {@link Products.ReleaseRule}):
 * {@code one_test}, the rules above (also for a batch without a product); {@code lab_test}, a
 * negative rapid test never releases it, neither a harvested batch nor one a rapid test held,
 * and only a passing lab test (or an inspector) does; {@code internal_control}, the batch was
 * released when it was given the product ({@link BatchProductRoutes}), and its tests are judged
 * by the rules above all the same (a positive still holds it).
 */
final class Judgement {

  static final String HELD_BY_RAPID = "quality.batch_held_by_rapid_test";
  static final String HELD_BY_OFFICIAL = "quality.batch_held_by_official_test";

  /** A test's own result. */
  enum Result {
    NEGATIVE, POSITIVE, PASS, OVER_LIMIT, NO_LIMIT;

    String id() {
      return name().toLowerCase();
    }

    boolean fails() {
      return this == POSITIVE || this == OVER_LIMIT;
    }
  }

  /** What a test did to its batch. */
  enum Effect {
    HELD, RELEASED, REJECTED, KEPT, NONE;

    String id() {
      return name().toLowerCase();
    }
  }

  /**
   * The decision: where the batch goes ({@code to} null: it stays), the reason of that status
   * event, and the effect in words for the one who recorded the test.
   */
  record Decision(Effect effect, BatchStatus to, Message reason, Message said) {
  }

  private final BigDecimal threshold;

  Judgement(BigDecimal threshold) {
    this.threshold = threshold;
  }

  BigDecimal threshold() {
    return threshold;
  }

  /** A rapid test's result: positive at or above the threshold. */
  Result rapid(BigDecimal inhibitionRate) {
    return inhibitionRate.compareTo(threshold) >= 0 ? Result.POSITIVE : Result.NEGATIVE;
  }

  /**
   * What the test {@code testId} with {@code result} does to {@code batch}. {@code sinceHold} are
   * the results of the batch's tests recorded after the test that last held it; {@code covered}
   * tells whether a lab test covers every active ingredient the batch was held for ({@code heldFor});
   * {@code corrects} is the test a correction corrects, else null; {@code product} is what the
   * batch is, null when nothing is set (then {@code one_test}).
   */
  Decision decide(Batch batch, String testId, Result result, boolean official, List<Result> sinceHold,
      Set<String> heldFor, boolean covered, String corrects, Products.BatchProduct product) {
    BatchStatus status = batch.status();
    if (status.next().isEmpty()) {
      return stay(Effect.NONE, Message.of(corrects == null ? "quality.effect_final" : "quality.effect_final_corrected",
          "status", status.title()));
    }
    boolean heldByCorrected = corrects != null && status == BatchStatus.HELD
        && corrects.equals(batch.reason().args().getString("test"));
    if (result == Result.NEGATIVE && product != null && product.rule() == Products.ReleaseRule.LAB_TEST
        && (status == BatchStatus.HARVESTED || heldByCorrected || batch.reasonCode().equals(HELD_BY_RAPID))) {
      return stay(Effect.NONE, Message.of("product.effect_needs_lab_test", "name", product.name(),
          "product", product.productId()));
    }
    if (heldByCorrected && !result.fails() && result != Result.NO_LIMIT) {
      return move(Effect.RELEASED, BatchStatus.RELEASED,
          Message.of("quality.batch_released_by_correction", "test", testId, "corrected", corrects),
          Message.of("quality.effect_released"));
    }
    if (result == Result.OVER_LIMIT) {
      return move(Effect.REJECTED, BatchStatus.REJECTED, Message.of("quality.batch_rejected_by_test", "test", testId),
          Message.of("quality.effect_rejected"));
    }
    if (result == Result.POSITIVE) {
      if (status == BatchStatus.HELD) {
        return stay(Effect.KEPT, Message.of("quality.effect_kept_for_lab"));
      }
      return move(Effect.HELD, BatchStatus.HELD, Message.of(official ? HELD_BY_OFFICIAL : HELD_BY_RAPID, "test", testId),
          Message.of("quality.effect_held"));
    }
    if (result == Result.NO_LIMIT) {
      return stay(Effect.NONE, Message.of("quality.effect_no_limit"));
    }
    if (status == BatchStatus.RELEASED) {
      return stay(Effect.NONE, Message.of("quality.effect_already_released"));
    }
    if (status == BatchStatus.HARVESTED) {
      return release(testId);
    }
    return releaseHeld(batch, testId, result, official, sinceHold, heldFor, covered);
  }

  private Decision releaseHeld(Batch batch, String testId, Result result, boolean official, List<Result> sinceHold,
      Set<String> heldFor, boolean covered) {
    if (batch.heldForInterval()) {
      if (result == Result.NEGATIVE) {
        return stay(Effect.NONE, Message.of("quality.effect_interval_needs_lab", "ingredients", List.copyOf(heldFor)));
      }
      return covered ? release(testId)
          : stay(Effect.NONE, Message.of("quality.effect_lab_misses_ingredients", "ingredients", List.copyOf(heldFor)));
    }
    if (batch.reasonCode().equals(HELD_BY_RAPID)) {
      if (result == Result.PASS) {
        return release(testId);
      }
      if (sinceHold.contains(Result.POSITIVE)) {
        return stay(Effect.NONE, Message.of("quality.effect_needs_lab"));
      }
      return sinceHold.contains(Result.NEGATIVE) ? release(testId)
          : stay(Effect.NONE, Message.of("quality.effect_one_more_negative"));
    }
    return official && result == Result.PASS ? release(testId)
        : stay(Effect.NONE, Message.of("quality.effect_inspector_decides"));
  }

  private static Decision release(String testId) {
    return move(Effect.RELEASED, BatchStatus.RELEASED, Message.of("quality.batch_released_by_test", "test", testId),
        Message.of("quality.effect_released"));
  }

  private static Decision move(Effect effect, BatchStatus to, Message reason, Message said) {
    return new Decision(effect, to, reason, said);
  }

  private static Decision stay(Effect effect, Message said) {
    return new Decision(effect, null, null, said);
  }
}
