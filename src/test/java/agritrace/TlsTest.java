package agritrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS when given a certificate and key, and a clear refusal to start when they are not usable. */
@ExtendWith(VertxExtension.class)
class TlsTest {

  private SelfSignedCertificate certificate;

  @BeforeEach
  void makeCertificate() {
    certificate = SelfSignedCertificate.create("localhost");
  }

  @AfterEach
  void deleteCertificate() {
    certificate.delete();
  }

  @Test
  @DisplayName("with a certificate and key the server answers over HTTPS, HTTP/2 included, and not over plain HTTP")
  void servesHttps(Vertx vertx) {
    Config config = Config.fromEnvironment(Map.of("PORT", "0", "AGRITRACE_PBKDF2_ITERATIONS", "10000",
        "AGRITRACE_TLS_CERT", certificate.certificatePath(), "AGRITRACE_TLS_KEY", certificate.privateKeyPath()));
    Tls.check(config);
    Server server = new Server(config, TestServer.get().connectOptions());
    TestServer.await(vertx.deployVerticle(server));

    WebClient https = WebClient.create(vertx, new WebClientOptions().setSsl(true).setTrustAll(true)
        .setVerifyHost(false));
    HttpResponse<?> health = TestServer.await(https.get(server.port(), "localhost", "/health").send());
    assertEquals(200, health.statusCode());
    assertEquals("up", health.bodyAsJsonObject().getString("database"));

    WebClient h2 = WebClient.create(vertx, new WebClientOptions().setSsl(true).setTrustAll(true)
        .setVerifyHost(false).setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2));
    HttpResponse<?> overH2 = TestServer.await(h2.get(server.port(), "localhost", "/health").send());
    assertEquals(200, overH2.statusCode());
    assertEquals(HttpVersion.HTTP_2, overH2.version());

    WebClient plain = WebClient.create(vertx);
    assertThrows(IllegalStateException.class,
        () -> TestServer.await(plain.get(server.port(), "localhost", "/health").send()),
        "plain HTTP to the HTTPS port must not get an answer");
  }

  @Test
  @DisplayName("a certificate without its key, or a key without its certificate, refuses to start naming the missing one")
  void bothOrNeither() {
    IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
        () -> Config.fromEnvironment(Map.of("AGRITRACE_TLS_CERT", certificate.certificatePath())));
    assertTrue(noKey.getMessage().startsWith("AGRITRACE_TLS_KEY is not set"), noKey.getMessage());
    IllegalArgumentException noCert = assertThrows(IllegalArgumentException.class,
        () -> Config.fromEnvironment(Map.of("AGRITRACE_TLS_KEY", certificate.privateKeyPath())));
    assertTrue(noCert.getMessage().startsWith("AGRITRACE_TLS_CERT is not set"), noCert.getMessage());
  }

  @Test
  @DisplayName("a missing, unreadable or mismatched certificate or key stops the start with one sentence naming the setting")
  void unusableFiles(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a pem file\n");
    Path missing = dir.resolve("nowhere.pem");
    assertRefused(certificate.certificatePath(), missing.toString(), "AGRITRACE_TLS_KEY: cannot read " + missing);
    assertRefused(missing.toString(), certificate.privateKeyPath(), "AGRITRACE_TLS_CERT: cannot read " + missing);
    assertRefused(junk.toString(), certificate.privateKeyPath(), "AGRITRACE_TLS_CERT " + junk + " is not a PEM certificate chain");
    assertRefused(certificate.certificatePath(), junk.toString(), "AGRITRACE_TLS_KEY " + junk + " is not a PEM private key");
    SelfSignedCertificate other = SelfSignedCertificate.create("localhost");
    try {
      assertRefused(certificate.certificatePath(), other.privateKeyPath(),
          "AGRITRACE_TLS_KEY " + other.privateKeyPath() + " is not the private key of the first certificate");
    } finally {
      other.delete();
    }
  }

  /** Main.start refuses before it starts a database, so no DATABASE_URL or data folder is needed. */
  private static void assertRefused(String cert, String key, String messageStart) {
    Config config = Config.fromEnvironment(Map.of("AGRITRACE_TLS_CERT", cert, "AGRITRACE_TLS_KEY", key));
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Main.start(config));
    assertTrue(refused.getMessage().startsWith(messageStart), refused.getMessage());
  }
}
