package agritrace.quality;

import agritrace.db.Sql;
import agritrace.http.ApiError;
import agritrace.http.Caller;
import agritrace.http.Message;
import agritrace.http.Role;
import agritrace.production.Batch;
import agritrace.production.Batches;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Records one test of a batch inside the caller's transaction: the batch locked, the same test
 * sent again recognised by its id, the test judged ({@link Judgement}), stored ({@link Tests})
 * and applied to the batch ({@link Batches#change}). The HTTP route and the offline sync both
 * write tests through here.
 */
final class TestWriter {

  private final Judgement judgement;

  TestWriter(BigDecimal rapidThreshold) {
    this.judgement = new Judgement(rapidThreshold);
  }

  /**
   * True when the test is new and now recorded, false when the same test (same id, same batch,
   * same content) was recorded before; another test under a known id fails with a 409.
   */
  Future<Boolean> write(SqlClient tx, NewTest test, UUID batchId, Caller caller) {
    return Batches.lock(tx, List.of(batchId))
        .compose(locked -> Tests.existing(tx, test.id()))
        .compose(existing -> {
          if (existing == null) {
            return judgeAndRecord(tx, test, batchId, caller).map(true);
          }
          if (!existing.batchId().equals(batchId) || !existing.content().equals(test.content())) {
            return Future.failedFuture(ApiError.conflict("id", "quality.test_id_taken"));
          }
          return Future.succeededFuture(false);
        });
  }

  /**
   * The same id sent at once for another batch: that batch's lock does not keep them apart, the
   * key does; a failed transaction's unique violation on it is the same 409 as {@link #write}'s.
   */
  static <T> Future<T> idTaken(Throwable failure) {
    return Future.failedFuture(Sql.uniqueViolation(failure, "quality_tests_pkey")
        ? ApiError.conflict("id", "quality.test_id_taken") : failure);
  }

  private Future<Void> judgeAndRecord(SqlClient tx, NewTest test, UUID batchId, Caller caller) {
    boolean official = caller.role() == Role.INSPECTOR;
    return correctable(tx, test, batchId, official)
        .compose(ok -> Future.all(Batches.find(tx, batchId), Products.ofBatch(tx, batchId))).compose(found -> {
      Batch batch = found.resultAt(0);
      Products.BatchProduct product = found.resultAt(1);
      Future<String> commodity = test.rapid() ? Future.succeededFuture(null)
          : commodity(tx, batchId, test.commodity(), product, caller.id());
      return commodity.compose(code -> judgeAnalytes(tx, test, code).compose(analytes -> Future.all(
              Tests.sinceHold(tx, batchId),
              batch.heldForInterval() ? Batches.heldForIngredients(tx, batchId) : Future.succeededFuture(Set.<String>of()))
          .compose(all -> {
            List<Judgement.Result> sinceHold = all.resultAt(0);
            Set<String> heldFor = all.resultAt(1);
            Judgement.Result result = test.rapid() ? judgement.rapid(test.inhibitionRate()) : labResult(analytes);
            boolean covered = heldFor.stream().allMatch(i -> analytes.stream()
                .anyMatch(a -> a.names(i) && a.result().equals("within")));
            Judgement.Decision decision = judgement.decide(batch, test.id().toString(), result, official, sinceHold,
                heldFor, covered, test.corrects() == null ? null : test.corrects().toString(), product);
            return Tests.record(tx, test, batchId, batch.producerId(), official, code, result,
                    judged(test, result, analytes), decision, analytes, caller.id())
                .compose(stored -> decision.to() == null ? Future.succeededFuture()
                    : Batches.change(tx, batchId, decision.to(), null, decision.reason()).mapEmpty());
          })));
    });
  }

  /**
   * A correction names a test of the same batch, of the same kind, not corrected already; an
   * official test is corrected only by an inspector.
   */
  private static Future<Void> correctable(SqlClient tx, NewTest test, UUID batchId, boolean official) {
    if (test.corrects() == null) {
      return Future.succeededFuture();
    }
    return Tests.corrected(tx, test.corrects()).compose(earlier -> {
      if (earlier == null || !earlier.batchId().equals(batchId)) {
        return Future.failedFuture(ApiError.conflict("corrects", "quality.correction_unknown"));
      }
      if (earlier.corrected()) {
        return Future.failedFuture(ApiError.conflict("corrects", "quality.already_corrected"));
      }
      if (!earlier.kind().equals(test.kind())) {
        return Future.failedFuture(ApiError.invalid("kind", "quality.correction_kind", "kind", earlier.kind()));
      }
      if (earlier.official() && !official) {
        return Future.failedFuture(ApiError.forbidden("quality.official_correction"));
      }
      return Future.<Void>succeededFuture();
    });
  }

  /**
   * The commodity a lab test is judged for: the one the body names, else the batch's ({@code
   * product}: the one chosen for it), else the one the harvest's crop names. A commodity the body
   * names for a batch that has none chosen and whose crop names none becomes the batch's, chosen
   * by the one who recorded the test.
   */
  private static Future<String> commodity(SqlClient tx, UUID batchId, String named, Products.BatchProduct product, UUID by) {
    if (named != null) {
      return Commodities.byCode(tx, named).map(found -> found
              .orElseThrow(() -> ApiError.invalid("commodity", "reference.unknown_commodity", "code", named)).code())
          .compose(code -> product != null ? Future.succeededFuture(code)
              : Batches.crop(tx, batchId).compose(crop -> Commodities.match(tx, crop)).compose(match -> match.isPresent()
                  ? Future.succeededFuture(code) : BatchProductRoutes.setCommodity(tx, batchId, code, by).map(code)));
    }
    if (product != null) {
      return Future.succeededFuture(product.commodityCode());
    }
    return Batches.crop(tx, batchId).compose(crop -> Commodities.match(tx, crop).map(found -> found
        .orElseThrow(() -> new ApiError(422, "commodity_unknown", Message.of("quality.choose_commodity",
            "field", "commodity", "crop", crop == null ? "" : crop), "commodity")).code()));
  }

  /** Each analyte judged against its limit on file, in order; an analyte no limit in force names is a 400. */
  private static Future<List<Analyte>> judgeAnalytes(SqlClient tx, NewTest test, String commodity) {
    Future<List<Analyte>> judged = Future.succeededFuture(new ArrayList<>());
    for (Analyte measured : test.analytes()) {
      judged = judged.compose(done -> ResidueLimits.known(tx, measured.name()).compose(known -> {
        if (!known) {
          return Future.failedFuture(ApiError.invalid("analytes[" + measured.position() + "].analyte",
              "quality.unknown_analyte", "analyte", measured.name()));
        }
        return ResidueLimits.find(tx, measured.name(), commodity).map(limit -> {
          done.add(measured.judged(limit.orElse(null)));
          return done;
        });
      }));
    }
    return judged;
  }

  private static Judgement.Result labResult(List<Analyte> analytes) {
    if (analytes.stream().anyMatch(a -> a.result().equals("over_limit"))) {
      return Judgement.Result.OVER_LIMIT;
    }
    return analytes.stream().anyMatch(a -> a.result().equals("no_limit")) ? Judgement.Result.NO_LIMIT
        : Judgement.Result.PASS;
  }

  /** The test's result in words a farmer understands. */
  private Message judged(NewTest test, Judgement.Result result, List<Analyte> analytes) {
    return switch (result) {
      case NEGATIVE -> Message.of("quality.rapid_negative", "rate", plain(test.inhibitionRate()), "threshold", plain(judgement.threshold()));
      case POSITIVE -> Message.of("quality.rapid_positive", "rate", plain(test.inhibitionRate()), "threshold", plain(judgement.threshold()));
      case PASS -> Message.of("quality.lab_pass", "count", analytes.size());
      case OVER_LIMIT -> Message.of("quality.lab_over_limit", "analytes", names(analytes, "over_limit"));
      case NO_LIMIT -> Message.of("quality.lab_no_limit", "analytes", names(analytes, "no_limit"));
    };
  }

  private static List<String> names(List<Analyte> analytes, String result) {
    return analytes.stream().filter(a -> a.result().equals(result)).map(Analyte::name).toList();
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }
}
