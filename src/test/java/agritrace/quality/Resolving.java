package agritrace.quality;

import static agritrace.ApiAssertions.assertStatus;

import agritrace.Api;
import agritrace.TestServer;
import agritrace.labels.Gtin;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

/**
 * A {@link Packing} farm with one certified batch packed into 4 units in 2 cases under a GTIN-8
 * (so that it can be written with 8, 12, 13 or 14 digits), and a client that asks the resolver as
 * a phone or GS1's tools do: no login, redirects not followed.
 */
final class Resolving {

  private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  final Packing p;
  final String batch;
  final JsonObject certificate;
  final String gtin8;
  final JsonObject run;

  /** Packs a batch of a product named {@code name} (null: a fixture name). */
  Resolving(Vertx vertx, String name) {
    p = new Packing(vertx);
    batch = p.c.released();
    certificate = p.c.issued(batch, 100, "kg");
    String body7 = String.valueOf(1_000_000 + Math.floorMod(UUID.randomUUID().hashCode(), 9_000_000));
    gtin8 = body7 + Gtin.checkDigit(body7);
    JsonObject product = p.c.shelf.body(name != null ? name : "上海青" + UUID.randomUUID().toString().substring(0, 6),
        "one_test").put("gtin", gtin8);
    Api.Response r = p.api.post(p.c.shelf.products(), p.c.producerAdmin, product);
    assertStatus(r, 201);
    p.c.shelf.give(batch, r.json().getString("id"));
    run = p.packed(batch, Packing.run(r.json().getString("id"), 4, 500, "g").put("caseSize", 2));
  }

  static String base() {
    return "http://localhost:" + TestServer.get().port();
  }

  String gtin14() {
    return "000000" + gtin8;
  }

  JsonObject unit(int i) {
    return run.getJsonArray("units").getJsonObject(i);
  }

  JsonObject box(int i) {
    return run.getJsonArray("cases").getJsonObject(i);
  }

  /** The path of unit i's printed URL. */
  String unitPath(int i) {
    return unit(i).getString("url").substring(base().length());
  }

  String lot() {
    return run.getString("gs1Lot");
  }

  static HttpResponse<String> get(String path, String... headers) {
    return send("GET", path, headers);
  }

  static HttpResponse<String> send(String method, String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  static List<String> all(HttpResponse<?> r, String name) {
    return r.headers().allValues(name);
  }
}
