package agritrace;

import agritrace.producer.CreditCode;
import agritrace.producer.ResidentId;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A test's HTTP client for the real server: each call waits for the answer, so tests read as the
 * story they tell. Also makes the producers and accounts a test needs.
 */
public final class Api {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  private final WebClient client;
  private final int port;
  private final Map<String, String> headers;

  public Api(Vertx vertx) {
    this(vertx, TestServer.get().port());
  }

  public Api(Vertx vertx, int port) {
    this(WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port)), port, Map.of());
  }

  private Api(WebClient client, int port, Map<String, String> headers) {
    this.client = client;
    this.port = port;
    this.headers = headers;
  }

  /** The same client sending one more header with every request: a language, a forwarded address. */
  public Api with(String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return new Api(client, port, Map.copyOf(more));
  }

  /** A response: status, headers and the body (parsed as JSON when it is). */
  public record Response(int status, HttpResponse<Buffer> raw) {
    public JsonObject json() {
      return raw.bodyAsJsonObject();
    }

    public String error() {
      return json().getString("error");
    }

    public String field() {
      return json().getString("field");
    }

    public String header(String name) {
      return raw.getHeader(name);
    }
  }

  public Response get(String path, String token) {
    return send(build(HttpMethod.GET, path, token), null);
  }

  public Response post(String path, String token, JsonObject body) {
    return send(build(HttpMethod.POST, path, token), body == null ? null : body.toBuffer());
  }

  /** A POST with a raw body and content type, for malformed and wrong-type requests. */
  public Response postRaw(String path, String token, String contentType, Buffer body) {
    return sendRaw(HttpMethod.POST, path, token, contentType, body);
  }

  /** A request with a raw body and content type: photos, and malformed and wrong-type requests. */
  public Response sendRaw(HttpMethod method, String path, String token, String contentType, Buffer body) {
    HttpRequest<Buffer> request = build(method, path, token);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    HttpResponse<Buffer> response = TestServer.await(request.sendBuffer(body));
    return new Response(response.statusCode(), response);
  }

  public Response request(HttpMethod method, String path, String token) {
    return send(build(method, path, token), null);
  }

  private HttpRequest<Buffer> build(HttpMethod method, String path, String token) {
    HttpRequest<Buffer> request = client.request(method, port, "localhost", path);
    headers.forEach(request::putHeader);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request;
  }

  private Response send(HttpRequest<Buffer> request, Buffer body) {
    HttpResponse<Buffer> response = body == null
        ? TestServer.await(request.send())
        : TestServer.await(request.putHeader("Content-Type", "application/json").sendBuffer(body));
    return new Response(response.statusCode(), response);
  }

  // ---- the data tests need ----

  public String login(String username, String password) {
    Response r = post("/api/v1/auth/login", null, new JsonObject().put("username", username).put("password", password));
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r.status() + " " + r.raw().bodyAsString());
    }
    return r.json().getString("token");
  }

  public String adminToken() {
    return login(TestServer.get().adminUsername, TestServer.ADMIN_PASSWORD);
  }

  /** A valid, unused unified social credit code of a farmers' cooperative (starts 93). */
  public static String newCreditCode() {
    StringBuilder code = new StringBuilder("93");
    for (int i = 0; i < 15; i++) {
      code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
    }
    return code.append(CreditCode.checkCharacter(code.toString())).toString();
  }

  /** A client address nobody has used in this run, for a test acting as a client of its own. */
  public static String newAddress() {
    return "10." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
  }

  /** A valid resident ID number nobody has used in this run. */
  public static String newResidentId() {
    String first17 = String.format("330106%04d%02d%02d%03d", 1950 + RANDOM.nextInt(50), 1 + RANDOM.nextInt(12),
        1 + RANDOM.nextInt(28), RANDOM.nextInt(1000));
    return first17 + ResidentId.checkCharacter(first17);
  }

  public static JsonObject cooperative() {
    return new JsonObject()
        .put("name", "西湖区龙井茶专业合作社 " + UUID.randomUUID().toString().substring(0, 8))
        .put("kind", "cooperative")
        .put("creditCode", newCreditCode())
        .put("address", "浙江省杭州市西湖区龙井村 8 号")
        .put("region", "浙江省杭州市西湖区")
        .put("phone", "0571-87654321");
  }

  /** Registers a cooperative as the platform admin and returns its id. */
  public String newProducer(String adminToken) {
    Response r = post("/api/v1/producers", adminToken, cooperative());
    if (r.status() != 201) {
      throw new IllegalStateException("producer not created: " + r.raw().bodyAsString());
    }
    return r.json().getString("id");
  }

  /** Creates a user of the producer with the role and returns a logged-in token. */
  public String newUser(String adminToken, String producerId, String role) {
    String username = role.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "secret-" + username;
    String path = producerId == null ? "/api/v1/users" : "/api/v1/producers/" + producerId + "/users";
    Response r = post(path, adminToken, new JsonObject()
        .put("username", username).put("password", password).put("role", role).put("name", "测试用户"));
    if (r.status() != 201) {
      throw new IllegalStateException("user not created: " + r.raw().bodyAsString());
    }
    return login(username, password);
  }
}
