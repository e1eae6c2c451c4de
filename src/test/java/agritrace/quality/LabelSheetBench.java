package agritrace.quality;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Benchmark of a packing run end to end against the real server (the tests' server: HTTP on
 * localhost, embedded PostgreSQL): a released, certified batch packed into BENCH_UNITS units
 * (default 10,000) by POST, then its whole label sheet read by GET in each layout, each timed
 * in seconds, and the sheet checked complete (one QR code a unit). Target on 2 cores: a
 * 10,000-unit sheet in under 2 s. Run by scripts/bench/labels after the QR figures; here
 * because it packs through the quality tests' fixtures ({@link Packing}).
 */
public final class LabelSheetBench {

  private LabelSheetBench() {
  }

  public static void main(String[] args) {
    int units = Integer.parseInt(System.getenv().getOrDefault("BENCH_UNITS", "10000"));
    Vertx vertx = Vertx.vertx();
    TestServer.get();
    boolean complete = true;
    for (int round = 1; round <= 2; round++) {
      Packing p = new Packing(vertx);
      String batch = p.certified();
      String product = p.product(batch, Packing.GTIN_14);
      JsonObject body = Packing.run(product, units, 10, "g");
      long start = System.nanoTime();
      Api.Response packed = p.pack(p.c.lab.farm.recorder, batch, body);
      double packSeconds = (System.nanoTime() - start) / 1e9;
      if (packed.status() != 201) {
        System.out.println("packing failed: " + packed.status() + " " + packed.raw().bodyAsString());
        System.exit(1);
      }
      String run = packed.json().getString("id");
      System.out.printf("%nround %d%s: POST a packing run of %,d units: %.2f s%n", round,
          round == 1 ? " (warm-up)" : "", units, packSeconds);
      for (String layout : new String[] {"thermal-50x30", "a4-3x8"}) {
        start = System.nanoTime();
        Api.Response sheet = p.api.get("/api/v1/packing-runs/" + run + "/labels?layout=" + layout,
            p.c.lab.farm.recorder);
        double seconds = (System.nanoTime() - start) / 1e9;
        String html = sheet.raw().bodyAsString();
        int qrs = count(html, "<svg class=\"qr\"");
        complete &= sheet.status() == 200 && qrs == units;
        System.out.printf("  GET its %s sheet: %.2f s, %,d bytes, %,d labels%s%s%n", layout,
            seconds, sheet.raw().body().length(), qrs, qrs == units ? "" : " (INCOMPLETE)",
            units == 10_000 ? "; target under 2 s: " + (seconds < 2 ? "met" : "missed") : "");
      }
    }
    System.exit(complete ? 0 : 1);
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
