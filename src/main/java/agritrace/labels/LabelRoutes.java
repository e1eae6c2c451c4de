package agritrace.labels;

import agritrace.http.Access;
import agritrace.http.Access.Right;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.Fields;
import agritrace.http.Json;
import agritrace.http.Message;
import agritrace.http.Messages;
import agritrace.http.Messages.Language;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Label files for the producer's own users: a unit's or case's QR code as PNG or SVG, its label
 * as SVG, and a packing run's printable sheet (HTML pages of SVG), streamed in chunks rendered
 * on a worker, each written once the previous one has drained. A code never changes, so its
 * files are cached for long.
 */
public final class LabelRoutes {

  /** Labels rendered and written at a time on a sheet: a multiple of an A4 sheet's 24, so no page straddles two. */
  static final int CHUNK = 192;
  private static final String CODE = "label_code";
  private static final String IMMUTABLE = "private, max-age=31536000, immutable";
  private static final List<String> LEVELS = List.of("L", "M", "Q", "H");
  private static final String CODE_OWNER = """
      SELECT l.code, l.kind, l.url, l.run_id, r.producer_id,
             (SELECT count(*) FROM label_codes u WHERE u.case_code = l.code) AS units
      FROM label_codes l JOIN packing_runs r ON r.id = l.run_id WHERE l.code = $1""";
  private static final String FACTS = """
      SELECT r.unit_count, r.unit_quantity, r.unit_unit, r.pack_date, b.lot_code, p.name AS product_name,
             c.issuer, c.origin, c.basis
      FROM packing_runs r JOIN batches b ON b.id = r.batch_id JOIN products p ON p.id = r.product_version
      LEFT JOIN LATERAL (SELECT issuer, origin, basis FROM certificates WHERE batch_id = r.batch_id
                         ORDER BY issued_at DESC, id DESC LIMIT 1) c ON true
      WHERE r.id = $1""";
  private static final String UNITS_IN = """
      SELECT code, url FROM label_codes WHERE run_id = $1 AND kind = 'unit' AND number > $2 AND number <= $3
      ORDER BY number""";

  private static final String SHEET = "/api/v1/packing-runs/:packingRunId/labels";

  private final Vertx vertx;
  private final Pool pool;
  private final PrintTickets tickets;

  public LabelRoutes(Vertx vertx, Pool pool, PrintTickets tickets) {
    this.vertx = vertx;
    this.pool = pool;
    this.tickets = tickets;
  }

  /**
   * Mounted before authentication: a sheet asked for with {@code ?ticket=} is let through as the
   * session the ticket stands for (authentication then checks that session); an unknown, expired
   * or other run's ticket is a 401. Without a ticket, the Authorization header is needed as ever.
   */
  public void mountTickets(Router router) {
    router.get(SHEET).handler(ctx -> {
      String ticket = ctx.queryParams().get("ticket");
      if (ticket == null) {
        ctx.next();
        return;
      }
      UUID runId = Fields.parseUuid(ctx.pathParam("packingRunId"));
      String token = runId == null ? null : tickets.tokenFor(ticket, runId);
      if (token == null) {
        ctx.fail(new ApiError(401, "unauthorized", Message.of("label.ticket_ended"), null));
        return;
      }
      Auth.vouch(ctx, token);
      ctx.next();
    });
  }

  public void mount(Router router) {
    var code = Access.keyed("label_code", Right.RECORD, this::ownerOfCode);
    router.get("/api/v1/labels/:code/qr.png").handler(code).handler(this::png);
    router.get("/api/v1/labels/:code/qr.svg").handler(code).handler(this::svg);
    router.get("/api/v1/labels/:code/label.svg").handler(code).handler(this::label);
    router.get(SHEET).handler(Access.record("packingRunId", "packing_run", Right.RECORD, PackingRuns.owner(pool)))
        .handler(this::sheet);
    router.post(SHEET + "/ticket")
        .handler(Access.record("packingRunId", "packing_run", Right.RECORD, PackingRuns.owner(pool)))
        .handler(this::ticket);
  }

  /** 201 with the sheet's address in the asked layout, carrying a new print ticket, and when the ticket ends. */
  private void ticket(RoutingContext ctx) {
    UUID runId = Fields.pathId(ctx, "packingRunId", "packing_run");
    String layout = Json.body(ctx).oneOf("layout", java.util.Set.copyOf(LabelDrawing.Layout.ids()));
    PrintTickets.Issued issued = tickets.issue(runId, Auth.token(ctx));
    Json.send(ctx, 201, new JsonObject()
        .put("url", "/api/v1/packing-runs/" + runId + "/labels?layout=" + layout + "&ticket=" + issued.ticket())
        .put("expiresAt", Json.time(issued.expiresAt().atOffset(java.time.ZoneOffset.UTC))));
  }

  /** The producer of the run the path's code belongs to (the code's row kept for the handler); a malformed code is a 400. */
  private Future<UUID> ownerOfCode(RoutingContext ctx) {
    String raw = ctx.pathParam("code");
    try {
      new UnitCode(raw);
    } catch (ParseFailure failure) {
      return Future.failedFuture(ApiError.invalid("code", failure.code()));
    }
    return pool.preparedQuery(CODE_OWNER).execute(Tuple.of(raw)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      ctx.put(CODE, row);
      return row.getUUID("producer_id");
    });
  }

  private void png(RoutingContext ctx) {
    Row code = ctx.get(CODE);
    ErrorCorrectionLevel level = level(ctx);
    int pixels = Fields.queryInt(ctx, "px", 8, 1, 40);
    vertx.executeBlocking(() -> QrImages.png(QrImages.encode(code.getString("url"), level), pixels), false)
        .onSuccess(png -> send(ctx, "image/png", Buffer.buffer(png)))
        .onFailure(ctx::fail);
  }

  private void svg(RoutingContext ctx) {
    Row code = ctx.get(CODE);
    ErrorCorrectionLevel level = level(ctx);
    double module = queryMm(ctx, "mm", 0.5, 0.25, 2.0);
    vertx.executeBlocking(() -> QrImages.svg(QrImages.encode(code.getString("url"), level), module, QrImages.Unit.MM),
            false)
        .onSuccess(svg -> send(ctx, "image/svg+xml; charset=utf-8", Buffer.buffer(svg)))
        .onFailure(ctx::fail);
  }

  private void label(RoutingContext ctx) {
    Row code = ctx.get(CODE);
    boolean isCase = "case".equals(code.getString("kind"));
    run(code.getUUID("run_id"), isCase ? code.getLong("units") : 1)
        .compose(run -> vertx.executeBlocking(
            () -> LabelDrawing.label(run.facts(), code.getString("code"), code.getString("url")), false))
        .onSuccess(svg -> send(ctx, "image/svg+xml; charset=utf-8", Buffer.buffer(svg)))
        .onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, String type, Buffer body) {
    ctx.response().putHeader("Content-Type", type).putHeader("Cache-Control", IMMUTABLE).end(body);
  }

  /** The run's sheet in the asked layout: the HTML head, then chunks of pages, then the foot. */
  private void sheet(RoutingContext ctx) {
    UUID runId = Fields.pathId(ctx, "packingRunId", "packing_run");
    String id = ctx.queryParams().get("layout");
    LabelDrawing.Layout layout = LabelDrawing.Layout.of(id == null ? "" : id);
    if (layout == null) {
      throw id == null ? ApiError.invalid("layout", "field.required")
          : ApiError.invalid("layout", "field.one_of", "allowed", LabelDrawing.Layout.ids());
    }
    HttpServerResponse response = ctx.response();
    run(runId, 1).compose(run -> {
      response.setChunked(true).putHeader("Content-Type", "text/html; charset=utf-8")
          .putHeader("Cache-Control", "private, no-cache")
          .putHeader("Content-Security-Policy",
              "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'");
      String title = Messages.render(Message.of("label.sheet.title", "product", run.facts().product()), Language.ZH);
      Sheet sheet = new Sheet(response, runId, layout, run.facts(), (run.unitCount() + CHUNK - 1) / CHUNK);
      return write(response, LabelDrawing.head(layout, title))
          .compose(ok -> sheet.from(0, sheet.render(0), sheet.render(1)))
          .compose(ok -> response.end(LabelDrawing.foot()));
    }).onFailure(failure -> {
      if (response.headWritten()) {
        response.reset();
      } else {
        ctx.fail(failure);
      }
    });
  }

  /**
   * A sheet being streamed, chunk by chunk of {@value #CHUNK} units by number: two chunks are
   * rendered on workers at a time while the one before them is written, and the next is written
   * only once the response has drained, so at most three chunks are in memory.
   */
  private final class Sheet {
    private final HttpServerResponse response;
    private final UUID runId;
    private final LabelDrawing.Layout layout;
    private final LabelDrawing.Facts facts;
    private final int chunks;

    Sheet(HttpServerResponse response, UUID runId, LabelDrawing.Layout layout, LabelDrawing.Facts facts, int chunks) {
      this.response = response;
      this.runId = runId;
      this.layout = layout;
      this.facts = facts;
      this.chunks = chunks;
    }

    /** The pages of chunk {@code i} (units numbered after i × CHUNK, up to CHUNK of them), or null past the last. */
    Future<String> render(int i) {
      if (i >= chunks) {
        return null;
      }
      return pool.preparedQuery(UNITS_IN).execute(Tuple.of(runId, i * CHUNK, (i + 1) * CHUNK)).compose(rows -> {
        List<String> codes = new ArrayList<>(rows.size());
        List<String> urls = new ArrayList<>(rows.size());
        for (Row row : rows) {
          codes.add(row.getString("code"));
          urls.add(row.getString("url"));
        }
        return vertx.executeBlocking(() -> LabelDrawing.pages(layout, facts, codes, urls), false);
      });
    }

    /** Writes chunk {@code i} once rendered, starting chunk i + 2, then goes on with the next. */
    Future<Void> from(int i, Future<String> current, Future<String> next) {
      if (current == null) {
        return Future.succeededFuture();
      }
      return current.compose(html -> {
        if (response.closed()) {
          return Future.failedFuture("the client went away");
        }
        Future<String> further = render(i + 2);
        return write(response, html).compose(ok -> from(i + 1, next, further));
      });
    }
  }

  /** Writes, answering once the response's write queue has room again (back-pressure). */
  private static Future<Void> write(HttpServerResponse response, String text) {
    Future<Void> written = response.write(text);
    if (!response.writeQueueFull()) {
      return written;
    }
    Promise<Void> drained = Promise.promise();
    response.drainHandler(v -> drained.tryComplete());
    written.onFailure(drained::tryFail);
    return drained.future();
  }

  /** A run's units, and what its labels say. */
  private record Run(LabelDrawing.Facts facts, int unitCount) {
  }

  /** What the run's labels say, a case's net weight being its {@code units}' together; and its units. */
  private Future<Run> run(UUID runId, long units) {
    return pool.preparedQuery(FACTS).execute(Tuple.of(runId)).map(rows -> {
      if (rows.size() == 0) {
        throw ApiError.notFound("packing_run");
      }
      Row r = rows.iterator().next();
      String unitName = Messages.render(Message.of("quantity_unit." + r.getString("unit_unit")), Language.ZH);
      String net = r.getBigDecimal("unit_quantity").multiply(java.math.BigDecimal.valueOf(units))
          .stripTrailingZeros().toPlainString() + " " + unitName;
      if (units > 1) {
        net = Messages.render(Message.of("label.case_net", "units", units, "net", net), Language.ZH);
      }
      String basis = r.getString("basis");
      List<String[]> fields = new ArrayList<>();
      fields.add(field("label.field.producer", value(r.getString("issuer"))));
      fields.add(field("label.field.origin", value(r.getString("origin"))));
      fields.add(field("label.field.pack_date", r.getLocalDate("pack_date").toString()));
      fields.add(field("label.field.net", net));
      fields.add(field("label.field.lot", r.getString("lot_code")));
      fields.add(field("label.field.basis",
          basis == null ? "" : Messages.render(Message.of("certificate.basis." + basis), Language.ZH)));
      return new Run(new LabelDrawing.Facts(Messages.render(Message.of("label.title"), Language.ZH),
          r.getString("product_name"), fields), r.getInteger("unit_count"));
    });
  }

  private static String[] field(String code, String value) {
    return new String[] {Messages.render(Message.of(code), Language.ZH), value};
  }

  private static String value(String text) {
    return text == null ? "" : text;
  }

  private static ErrorCorrectionLevel level(RoutingContext ctx) {
    String level = Fields.queryOneOf(ctx, "ec", LEVELS);
    return level == null ? ErrorCorrectionLevel.M : ErrorCorrectionLevel.valueOf(level);
  }

  /** A size in mm from the query, {@code fallback} when absent; malformed or outside min-max is a 400 naming it. */
  private static double queryMm(RoutingContext ctx, String name, double fallback, double min, double max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(raw);
      if (value >= min && value <= max && raw.matches("\\d+(\\.\\d+)?")) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below, like any out-of-range value
    }
    throw ApiError.invalid(name, "field.range", "min", min, "max", max);
  }
}
