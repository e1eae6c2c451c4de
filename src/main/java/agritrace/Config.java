package agritrace;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every setting of the server, with its environment variable and default, in one place.
 *
 * @param port                 PORT: HTTP port (default 8080; 0 picks a free one)
 * @param databaseUrl          DATABASE_URL: postgresql://user:pass@host:port/db; null starts the embedded server
 * @param dataDir              AGRITRACE_DATA_DIR: where the embedded database keeps its files (default ./data)
 * @param adminPassword        AGRITRACE_ADMIN_PASSWORD: the first administrator's password; null makes a random one
 * @param tokenTtl             AGRITRACE_TOKEN_TTL_HOURS: how long a login token lives (default 168 h)
 * @param loginFreeFailures    AGRITRACE_LOGIN_FREE_FAILURES: failed logins for one username from one client address
 *                             before each further attempt from there must wait (default 5)
 * @param loginAddressFreeFailures AGRITRACE_LOGIN_ADDRESS_FREE_FAILURES: failed logins from one client address over
 *                             all usernames before each further attempt from there must wait (default 50)
 * @param loginFirstWait       AGRITRACE_LOGIN_FIRST_WAIT_SECONDS: the first wait; it doubles with each further
 *                             failure, up to a day (default 30 s)
 * @param trustedProxies       AGRITRACE_TRUSTED_PROXIES: comma-separated addresses or CIDR blocks of the reverse
 *                             proxies whose X-Forwarded-For names the client (default none)
 * @param passwordIterations   AGRITRACE_PBKDF2_ITERATIONS: PBKDF2-HMAC-SHA256 cost for new password hashes (default 600000)
 * @param zone                 AGRITRACE_TIME_ZONE: the zone "today" is judged in (default Asia/Shanghai)
 * @param httpInstances        AGRITRACE_HTTP_INSTANCES: server verticles, each on its own event loop (default: one per core)
 * @param tlsCert              AGRITRACE_TLS_CERT: PEM file of the certificate chain (e.g. fullchain.pem); with
 *                             tlsKey the server speaks HTTPS on PORT, without both plain HTTP (default none)
 * @param tlsKey               AGRITRACE_TLS_KEY: PEM file of the certificate's private key (e.g. privkey.pem)
 * @param rapidTestThreshold   AGRITRACE_RAPID_TEST_THRESHOLD: the inhibition rate in % at or above which a rapid
 *                             test is positive (default 50, GB/T 5009.199)
 * @param publicUrl            AGRITRACE_PUBLIC_URL: the address shoppers reach this server at, e.g.
 *                             https://trace.example.cn; certificates print their QR codes with it. Null: the
 *                             server's own address (http(s)://localhost:PORT), fit for development only
 * @param allowPrivatePublicUrl AGRITRACE_ALLOW_PRIVATE_PUBLIC_URL: true lets certificates be issued while the public
 *                             URL is a loopback or private address (development and tests); false by default, since a
 *                             code printed on paper lives for years
 * @param publicRatePerMinute  AGRITRACE_PUBLIC_RATE_PER_MINUTE: requests one client address may make a minute to the
 *                             public pages (resolver, certificates), in bursts of up to as many (default 600; 0: no
 *                             limit, e.g. behind a proxy that limits them itself)
 * @param scanRatePerMinute    AGRITRACE_SCAN_RATE_PER_MINUTE: photos one client address may send a minute to the
 *                             photo-scan decoder, in bursts of up to as many (default 60; 0: no limit)
 */
public record Config(
    int port,
    String databaseUrl,
    Path dataDir,
    String adminPassword,
    Duration tokenTtl,
    int loginFreeFailures,
    int loginAddressFreeFailures,
    Duration loginFirstWait,
    List<String> trustedProxies,
    int passwordIterations,
    ZoneId zone,
    int httpInstances,
    Path tlsCert,
    Path tlsKey,
    java.math.BigDecimal rapidTestThreshold,
    String publicUrl,
    boolean allowPrivatePublicUrl,
    int publicRatePerMinute,
    int scanRatePerMinute) {

  public Config {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException(tlsCert == null
          ? "AGRITRACE_TLS_CERT is not set: AGRITRACE_TLS_KEY needs the certificate chain it belongs to (a PEM file)"
          : "AGRITRACE_TLS_KEY is not set: AGRITRACE_TLS_CERT needs the certificate's private key (a PEM file)");
    }
  }

  public static Config fromEnvironment(Map<String, String> env) {
    return new Config(
        intValue(env, "PORT", 8080),
        blankToNull(env.get("DATABASE_URL")),
        Path.of(env.getOrDefault("AGRITRACE_DATA_DIR", "data")).toAbsolutePath(),
        blankToNull(env.get("AGRITRACE_ADMIN_PASSWORD")),
        Duration.ofHours(intValue(env, "AGRITRACE_TOKEN_TTL_HOURS", 168)),
        Math.max(1, intValue(env, "AGRITRACE_LOGIN_FREE_FAILURES", 5)),
        Math.max(1, intValue(env, "AGRITRACE_LOGIN_ADDRESS_FREE_FAILURES", 50)),
        Duration.ofSeconds(Math.max(1, intValue(env, "AGRITRACE_LOGIN_FIRST_WAIT_SECONDS", 30))),
        list(env.get("AGRITRACE_TRUSTED_PROXIES")),
        intValue(env, "AGRITRACE_PBKDF2_ITERATIONS", 600_000),
        ZoneId.of(env.getOrDefault("AGRITRACE_TIME_ZONE", "Asia/Shanghai")),
        Math.max(1, intValue(env, "AGRITRACE_HTTP_INSTANCES", Runtime.getRuntime().availableProcessors())),
        path(env.get("AGRITRACE_TLS_CERT")),
        path(env.get("AGRITRACE_TLS_KEY")),
        percent(env, "AGRITRACE_RAPID_TEST_THRESHOLD", "50"),
        agritrace.web.PublicUrl.check("AGRITRACE_PUBLIC_URL", blankToNull(env.get("AGRITRACE_PUBLIC_URL"))),
        flag(env, "AGRITRACE_ALLOW_PRIVATE_PUBLIC_URL"),
        Math.max(0, intValue(env, "AGRITRACE_PUBLIC_RATE_PER_MINUTE", 600)),
        Math.max(0, intValue(env, "AGRITRACE_SCAN_RATE_PER_MINUTE", 60)));
  }

  /** Whether the server speaks HTTPS (a certificate and its key are configured). */
  public boolean tls() {
    return tlsCert != null;
  }

  /** Whether the operator says shoppers reach this server over HTTPS (then answers carry HSTS). */
  public boolean publicHttps() {
    return publicUrl != null && publicUrl.startsWith("https://");
  }

  public Config withPort(int newPort) {
    return new Config(newPort, databaseUrl, dataDir, adminPassword, tokenTtl, loginFreeFailures,
        loginAddressFreeFailures, loginFirstWait, trustedProxies, passwordIterations, zone, httpInstances, tlsCert, tlsKey,
        rapidTestThreshold, publicUrl, allowPrivatePublicUrl, publicRatePerMinute, scanRatePerMinute);
  }

  /** The public URL certificates name: the configured one, else this server's own address on {@code actualPort}. */
  public agritrace.web.PublicUrl publicAddress(int actualPort) {
    return new agritrace.web.PublicUrl(publicUrl != null ? publicUrl
        : (tls() ? "https" : "http") + "://localhost:" + actualPort, allowPrivatePublicUrl);
  }

  private static int intValue(Map<String, String> env, String name, int fallback) {
    String raw = blankToNull(env.get(name));
    if (raw == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'");
    }
  }

  private static java.math.BigDecimal percent(Map<String, String> env, String name, String fallback) {
    String raw = blankToNull(env.get(name));
    try {
      java.math.BigDecimal value = new java.math.BigDecimal(raw == null ? fallback : raw.trim());
      if (value.signum() <= 0 || value.compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a percentage above 0 and at most 100, got '" + raw + "'");
    }
  }

  private static boolean flag(Map<String, String> env, String name) {
    String raw = blankToNull(env.get(name));
    if (raw == null || raw.strip().equalsIgnoreCase("false")) {
      return false;
    }
    if (raw.strip().equalsIgnoreCase("true")) {
      return true;
    }
    throw new IllegalArgumentException(name + " must be true or false, got '" + raw + "'");
  }

  private static List<String> list(String raw) {
    return raw == null ? List.of()
        : Arrays.stream(raw.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
  }

  private static Path path(String raw) {
    return blankToNull(raw) == null ? null : Path.of(raw.strip()).toAbsolutePath();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
