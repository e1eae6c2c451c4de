package agritrace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The phone app's shell as the server serves it: where it is, how it is cached, what it may load. */
class AppShellTest {

  private static final Path WEBROOT = Path.of("src/main/resources/webroot/app");
  private final Api api = new Api(TestServer.get().vertx);

  @Test
  @DisplayName("opening the server's address in a browser leads to the app, not to a JSON error")
  void rootLeadsToTheApp() throws Exception {
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    for (String path : List.of("/", "/app")) {
      HttpResponse<Void> answer = browser.send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + TestServer.get().port() + path)).build(), HttpResponse.BodyHandlers.discarding());
      assertEquals(302, answer.statusCode(), path);
      assertEquals("/app/", answer.headers().firstValue("Location").orElse(null), path);
    }
    Api.Response app = api.get("/app/", null);
    assertEquals(200, app.status());
    assertTrue(app.header("Content-Type").startsWith("text/html"));
    assertTrue(app.raw().bodyAsString().contains("<script type=\"module\" src=\"js/main.js\"></script>"));
  }

  @Test
  @DisplayName("the app is served with a policy that allows only the server itself (and blob: photos) and no inline script")
  void contentSecurityPolicy() {
    for (String path : List.of("/app/", "/app/js/main.js", "/app/sw.js")) {
      String csp = api.get(path, null).header("Content-Security-Policy");
      assertTrue(csp.contains("default-src 'self'"), path + ": " + csp);
      assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), csp);
      assertTrue(csp.contains("img-src 'self' blob:"), csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    }
    // No inline script in the page itself: every script is a file of the shell.
    String page = api.get("/app/", null).raw().bodyAsString();
    assertTrue(page.replaceAll("<script type=\"module\" src=\"[^\"]+\"></script>", "").indexOf("<script") < 0, page);
    assertTrue(!page.contains(" style=") && !page.contains("onclick"), page);
  }

  @Test
  @DisplayName("every file is revalidated by its ETag, so a new deployment reaches the phone and an unchanged one costs a 304")
  void cachingLetsTheAppUpdate() {
    for (String path : List.of("/app/", "/app/app.css", "/app/lib/lit-html.js", "/app/sw.js")) {
      Api.Response first = api.get(path, null);
      assertEquals(200, first.status(), path);
      assertEquals("no-cache", first.header("Cache-Control"), path);
      String etag = first.header("ETag");
      assertTrue(etag != null && etag.startsWith("\""), path);
      Api.Response again = api.with("If-None-Match", etag).get(path, null);
      assertEquals(304, again.status(), path);
      assertEquals(0, again.raw().bodyAsBuffer() == null ? 0 : again.raw().bodyAsBuffer().length(), path);
      assertEquals(200, api.with("If-None-Match", "\"something-older\"").get(path, null).status(), path);
    }
  }

  @Test
  @DisplayName("the service worker names the shell's version and every file it keeps, so the browser updates it when any of them changes")
  void serviceWorkerKnowsTheShell() throws IOException {
    String worker = api.get("/app/sw.js", null).raw().bodyAsString();
    String version = TestServer.get().server.appShell().version();
    assertTrue(worker.startsWith("const VERSION = \"" + version + "\";\nconst SHELL = ["), worker.substring(0, 80));
    assertEquals("\"" + version + "\"", api.get("/app/sw.js", null).header("ETag"));
    JsonArray kept = new JsonArray(worker.substring(worker.indexOf('['), worker.indexOf("];") + 1));
    assertTrue(kept.contains("./") && kept.contains("lib/lit-html.js") && !kept.contains("sw.js"), kept.encode());
    for (Object file : kept) {
      String path = "/app/" + (file.equals("./") ? "" : file);
      assertEquals(200, api.get(path, null).status(), path);
    }
    assertEquals(listed(), kept.stream().map(f -> f.equals("./") ? "index.html" : (String) f)
        .collect(Collectors.toCollection(TreeSet::new)), "sw.js keeps every file of shell.txt but itself");
  }

  @Test
  @DisplayName("every file in the app's folder is in the shell (so it works offline), and the shell is under 300 KB")
  void shellIsCompleteAndSmall() throws IOException {
    Set<String> onDisk = new TreeSet<>();
    try (Stream<Path> files = Files.walk(WEBROOT)) {
      files.filter(Files::isRegularFile).map(f -> WEBROOT.relativize(f).toString().replace('\\', '/'))
          .filter(f -> !f.equals("shell.txt") && !f.equals("sw.js")).forEach(onDisk::add);
    }
    Set<String> listedHere = listed();
    listedHere.remove("lib/lit-html.js");
    assertEquals(onDisk, listedHere, "files in webroot/app (expected) vs shell.txt");
    long size = TestServer.get().server.appShell().size();
    assertTrue(size < 300 * 1024, "the shell is " + size + " bytes");
  }

  @Test
  @DisplayName("the vendored QR decoder is served beside the shell under its versioned name, cached for good, kept out of the shell's precache and named to the scan worker")
  void vendoredDecoder() {
    String path = TestServer.get().server.appShell().decoderPath();
    assertTrue(path.matches("vendor/zxing-library-\\d+\\.\\d+\\.\\d+\\.min\\.js"), path);
    Api.Response decoder = api.get("/app/" + path, null);
    assertEquals(200, decoder.status());
    assertEquals("public, max-age=31536000, immutable", decoder.header("Cache-Control"));
    assertTrue(decoder.header("Content-Type").startsWith("text/javascript"));
    assertTrue(decoder.header("Content-Security-Policy").contains("worker-src 'self'"));
    String library = decoder.raw().bodyAsString();
    assertTrue(library.contains("QRCodeReader") && library.contains("HybridBinarizer"), "the ZXing UMD bundle");
    assertTrue(library.length() > 300 * 1024, "it is why the decoder is not in the shell: " + library.length());

    String sw = api.get("/app/sw.js", null).raw().bodyAsString();
    assertTrue(!sw.substring(0, sw.indexOf("];")).contains("vendor/"), "not precached");
    Api.Response worker = api.get("/app/js/scan-worker.js", null);
    assertTrue(worker.raw().bodyAsString().startsWith("const DECODER = \"../" + path + "\";\n"),
        worker.raw().bodyAsString().substring(0, 80));
    assertEquals(304, api.with("If-None-Match", worker.header("ETag")).get("/app/js/scan-worker.js", null).status());
  }

  @Test
  @DisplayName("the app is installable: a manifest with a name, a start address in its scope and 192 and 512 pixel icons")
  void installable() {
    Api.Response answer = api.get("/app/manifest.webmanifest", null);
    assertEquals(200, answer.status());
    assertTrue(answer.header("Content-Type").startsWith("application/manifest+json"));
    JsonObject manifest = answer.json();
    assertEquals("/app/", manifest.getString("start_url"));
    assertEquals("/app/", manifest.getString("scope"));
    assertEquals("standalone", manifest.getString("display"));
    Set<String> sizes = manifest.getJsonArray("icons").stream().map(i -> ((JsonObject) i).getString("sizes")).collect(Collectors.toSet());
    assertTrue(sizes.containsAll(Set.of("192x192", "512x512")), sizes.toString());
    for (Object icon : manifest.getJsonArray("icons")) {
      Api.Response png = api.get("/app/" + ((JsonObject) icon).getString("src"), null);
      assertEquals(200, png.status());
    }
    assertEquals("image/png", api.get("/app/icons/icon-192.png", null).header("Content-Type"));
  }

  @Test
  @DisplayName("a file the app does not have is a 404, and the API's answers are not the app's")
  void unknownFiles() {
    Api.Response missing = api.get("/app/js/nothing-here.js", null);
    assertEquals(404, missing.status());
    assertNull(missing.header("Content-Security-Policy"));
    assertNotEquals(200, api.get("/app/../pom.xml", null).status());
  }

  private static Set<String> listed() throws IOException {
    return Files.readAllLines(WEBROOT.resolve("shell.txt")).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.equals("sw.js")).collect(Collectors.toCollection(TreeSet::new));
  }
}
