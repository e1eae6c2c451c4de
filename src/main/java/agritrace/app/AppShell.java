package agritrace.app;

import agritrace.http.Messages;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The phone app's shell: every file listed in {@code webroot/app/shell.txt}, read once from the
 * classpath (so the jar runs from any directory) and served from memory under {@code /app/}.
 *
 * <p>Files are sent with {@code Cache-Control: no-cache} and an ETag, so a browser always asks
 * and gets a 304 while nothing changed. The service worker, {@code /app/sw.js}, starts with the
 * shell's version (a hash of every file) and its file list: a new deployment changes its bytes,
 * the browser installs it, and it caches the new shell. {@code lib/} files come from WebJars,
 * at the version the pom pins.
 *
 * <p>The QR decoder for phones whose browser has no {@code BarcodeDetector} (npm's
 * {@code @zxing/library}, which the build fetches and checks: see the pom) is not in the shell:
 * at 360 KB it would double every phone's first download. It is served beside it under its
 * versioned name, cached for good, and {@code js/scan-worker.js}, the only script that loads it,
 * gets that name put above its first line ({@code const DECODER = "...";}).
 */
public final class AppShell {

  static final String CSP = String.join("; ",
      "default-src 'self'",
      "img-src 'self' blob:",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "worker-src 'self'",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  private static final String ROOT = "webroot/app/";
  /** Libraries from WebJars: the path the app imports → the WebJar's pom.properties, name and file. */
  private static final Map<String, String[]> LIBRARIES = Map.of(
      "lib/lit-html.js", new String[] {"META-INF/maven/org.webjars.npm/lit-html/pom.properties", "lit-html", "lit-html.js"});
  /** What the build wrote of the vendored decoder: {@code file=} its name under {@code vendor/} on the classpath. */
  private static final String DECODER = "vendor/decoder.properties";
  private static final String DECODER_WORKER = "js/scan-worker.js";
  private static final String FOREVER = "public, max-age=31536000, immutable";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "json", "application/json; charset=utf-8",
      "webmanifest", "application/manifest+json; charset=utf-8",
      "png", "image/png",
      "svg", "image/svg+xml");

  private record Asset(Buffer bytes, String type, String etag) {
  }

  private final Map<String, Asset> assets;
  private final String version;
  /** The vendored decoder's path under /app/ and its bytes: not part of the shell. */
  private final String decoderPath;
  private final Asset decoder;

  private AppShell(Map<String, Asset> assets, String version, String decoderPath, Asset decoder) {
    this.assets = assets;
    this.version = version;
    this.decoderPath = decoderPath;
    this.decoder = decoder;
  }

  /** Reads the shell from the classpath; fails at start-up when a listed file is missing. */
  public static AppShell load() {
    List<String> files = new ArrayList<>();
    for (String line : text(ROOT + "shell.txt").split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        files.add(line.strip());
      }
    }
    MessageDigest all = sha256();
    Map<String, Asset> assets = new LinkedHashMap<>();
    for (String file : files) {
      byte[] bytes = bytes(resource(file));
      all.update(file.getBytes(StandardCharsets.UTF_8));
      all.update(bytes);
      String etag = "\"" + HexFormat.of().formatHex(sha256().digest(bytes), 0, 8) + "\"";
      assets.put(file, new Asset(Buffer.buffer(bytes), type(file), etag));
    }
    Properties built = properties(DECODER);
    String decoderPath = "vendor/" + built.getProperty("file");
    Asset decoder = new Asset(Buffer.buffer(bytes(decoderPath)), type(decoderPath), "\"" + built.getProperty("file") + "\"");
    Asset scanWorker = assets.get(DECODER_WORKER);
    if (scanWorker != null) {
      Buffer named = Buffer.buffer("const DECODER = \"../" + decoderPath + "\";\n").appendBuffer(scanWorker.bytes());
      assets.put(DECODER_WORKER, new Asset(named, scanWorker.type(),
          "\"" + HexFormat.of().formatHex(sha256().digest(named.getBytes()), 0, 8) + "\""));
      all.update(decoderPath.getBytes(StandardCharsets.UTF_8));
    }
    // The worker keeps the message catalogues too: a change in any sentence is a new version.
    for (Messages.Language language : Messages.Language.values()) {
      all.update(Messages.catalogue(language).encode().getBytes(StandardCharsets.UTF_8));
    }
    String version = HexFormat.of().formatHex(all.digest(), 0, 8);
    Asset worker = assets.get("sw.js");
    if (worker == null) {
      throw new IllegalStateException("shell.txt must list sw.js");
    }
    List<String> cached = files.stream().filter(f -> !f.equals("sw.js")).map(f -> f.equals("index.html") ? "./" : f).toList();
    Buffer served = Buffer.buffer("const VERSION = \"" + version + "\";\nconst SHELL = "
        + new io.vertx.core.json.JsonArray(cached).encode() + ";\n").appendBuffer(worker.bytes());
    assets.put("sw.js", new Asset(served, worker.type(), "\"" + version + "\""));
    return new AppShell(assets, version, decoderPath, decoder);
  }

  /** The shell's version: changes whenever any of its files does. */
  public String version() {
    return version;
  }

  /** The vendored QR decoder's path under /app/, as {@code js/scan-worker.js} loads it. */
  public String decoderPath() {
    return decoderPath;
  }

  /** The sum of the shell's sizes in bytes, as a phone downloads it on its first visit. */
  public long size() {
    return assets.values().stream().mapToLong(a -> a.bytes().length()).sum();
  }

  public void mount(Router router) {
    router.get("/").handler(ctx -> redirect(ctx, "/app/"));
    router.get("/favicon.ico").handler(ctx -> redirect(ctx, "/app/icons/icon-192.png"));
    router.route("/app/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::serve);
  }

  private void serve(RoutingContext ctx) {
    if (!ctx.request().path().startsWith("/app/")) {
      redirect(ctx, "/app/");
      return;
    }
    String path = ctx.request().path().substring("/app/".length());
    Asset asset = path.equals(decoderPath) ? decoder : assets.get(path.isEmpty() ? "index.html" : path);
    if (asset == null) {
      ctx.next();
      return;
    }
    ctx.response()
        .putHeader(HttpHeaders.CACHE_CONTROL, asset == decoder ? FOREVER : "no-cache")
        .putHeader(HttpHeaders.ETAG, asset.etag())
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("Referrer-Policy", "same-origin");
    if (asset.etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, asset.type()).end(asset.bytes());
  }

  private static void redirect(RoutingContext ctx, String to) {
    ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, to).end();
  }

  private static String resource(String file) {
    String[] library = LIBRARIES.get(file);
    if (library == null) {
      return ROOT + file;
    }
    Properties pom = properties(library[0]);
    return "META-INF/resources/webjars/" + library[1] + "/" + pom.getProperty("version") + "/" + library[2];
  }

  private static Properties properties(String name) {
    Properties properties = new Properties();
    try (InputStream in = stream(name)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  private static String type(String file) {
    String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
    if (type == null) {
      throw new IllegalStateException("the app shell has a file of no known type: " + file);
    }
    return type;
  }

  private static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String name) {
    try (InputStream in = stream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String name) {
    InputStream in = AppShell.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("the app shell lacks " + name + " on the classpath");
    }
    return in;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
