package agritrace;

import agritrace.app.AppShell;
import agritrace.db.Database;
import agritrace.http.ApiError;
import agritrace.http.Auth;
import agritrace.http.ClientAddress;
import agritrace.http.Errors;
import agritrace.http.Json;
import agritrace.http.Message;
import agritrace.http.Messages;
import agritrace.http.RateLimit;
import agritrace.http.SecurityHeaders;
import agritrace.http.Role;
import agritrace.http.Sessions;
import agritrace.inspection.ChecklistRoutes;
import agritrace.inspection.InspectionRoutes;
import agritrace.labels.LabelPillar;
import agritrace.labels.LabelRoutes;
import agritrace.labels.PackingRoutes;
import agritrace.labels.PrintTickets;
import agritrace.labels.ResolverPages;
import agritrace.labels.ScanRoutes;
import agritrace.photos.Attachable;
import agritrace.photos.PhotoRoutes;
import agritrace.producer.AccountChanges;
import agritrace.producer.AccountRoutes;
import agritrace.producer.LoginThrottle;
import agritrace.producer.Passwords;
import agritrace.producer.PeopleRoutes;
import agritrace.producer.Pillar;
import agritrace.producer.PillarCheck;
import agritrace.producer.ProducerRoutes;
import agritrace.producer.Producers;
import agritrace.producer.Profile;
import agritrace.producer.RuleRoutes;
import agritrace.production.BatchRoutes;
import agritrace.production.ProductionPillar;
import agritrace.production.RecordRoutes;
import agritrace.production.RecordType;
import agritrace.quality.BatchProductRoutes;
import agritrace.quality.CertificatePages;
import agritrace.quality.CertificateRoutes;
import agritrace.quality.ProductRoutes;
import agritrace.quality.Products;
import agritrace.quality.QualityPillar;
import agritrace.quality.ReferenceRoutes;
import agritrace.quality.TestRoutes;
import agritrace.quality.TestSync;
import agritrace.web.Pages;
import agritrace.web.PublicUrl;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;

/** The HTTP server: one router, each feature's routes mounted on it, a pool to PostgreSQL. */
public final class Server extends VerticleBase {

  static final int BODY_LIMIT = 1024 * 1024;
  /** The pages anyone may open: the resolver's and the certificates'. */
  static final String PUBLIC_PAGES = "/t/.*|/01/.*|/c/.*|/\\.well-known/gs1resolver";
  /** How long requests in flight may take to finish when the server stops. */
  public static final int SHUTDOWN_GRACE_SECONDS = 10;

  private final Config config;
  private final PgConnectOptions database;
  private Pool pool;
  private Router router;
  private HttpServer http;
  private Buffer openApi;
  private AppShell shell;

  public Server(Config config, PgConnectOptions database) {
    this.config = config;
    this.database = database;
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, database, 16);
    return vertx.executeBlocking(() -> {
          openApi = openApiSpec();
          shell = AppShell.load();
          return shell;
        })
        .compose(loaded -> {
          router = routes();
          HttpServerOptions options = new HttpServerOptions().setCompressionSupported(true);
          if (config.tls()) {
            // HTTPS on the same port; ALPN lets browsers pick HTTP/2.
            options.setSsl(true).setKeyCertOptions(Tls.keyCert(config)).setUseAlpn(true);
          }
          return vertx.createHttpServer(options)
              .invalidRequestHandler(Errors::invalidRequest)
              .requestHandler(router)
              .listen(config.port());
        })
        .onSuccess(server -> http = server);
  }

  /**
   * Stops taking connections and requests, lets those in flight finish for up to
   * {@link #SHUTDOWN_GRACE_SECONDS} (then closes what is left), then closes the pool.
   */
  @Override
  public Future<?> stop() {
    Future<Void> closed = http == null ? Future.succeededFuture() : http.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
    return closed.eventually(pool::close);
  }

  /** The port the server listens on (useful when it was started on port 0). */
  public int port() {
    return http.actualPort();
  }

  /** The address certificates name: AGRITRACE_PUBLIC_URL, else this server's own. */
  public PublicUrl publicUrl() {
    return config.publicAddress(port());
  }

  /** The phone app's shell this server serves. */
  public AppShell appShell() {
    return shell;
  }

  public Router router() {
    return router;
  }

  private Router routes() {
    Router router = Router.router(vertx);
    for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, Errors.forStatus(status));
    }
    router.route().failureHandler(Errors::handle);
    // Every GET answers HEAD too (RFC 9110; link checkers and GS1's resolver tools ask it): routed as the GET,
    // the body left out by Vert.x since the request was a HEAD.
    router.route().method(HttpMethod.HEAD).handler(ctx -> ctx.reroute(HttpMethod.GET, ctx.request().uri()));
    router.route().handler(new SecurityHeaders(config.publicHttps())::handle);
    // Public pages and the photo decoder are limited per client address before anything is read.
    ClientAddress addresses = new ClientAddress(config.trustedProxies());
    Pages pages = new Pages(vertx);
    if (config.publicRatePerMinute() > 0) {
      router.routeWithRegex(PUBLIC_PAGES)
          .handler(RateLimit.shared(vertx, "public-pages", config.publicRatePerMinute()).guard(addresses,
              (ctx, seconds) -> pages.problem(ctx, 429, "rate.too_many", Message.of("rate.try_again", "seconds", seconds))));
    }
    if (config.scanRatePerMinute() > 0) {
      Handler<RoutingContext> photoScans = RateLimit.shared(vertx, "photo-scans", config.scanRatePerMinute())
          .guard(addresses, (ctx, seconds) -> ctx.fail(new ApiError(429, "too_many_requests",
              Message.of("rate.try_again", "seconds", seconds), null)));
      router.post(ScanRoutes.PATH).handler(ctx -> {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.startsWith("image/")) {
          photoScans.handle(ctx);
        } else {
          ctx.next();
        }
      });
    }
    // Each feature whose records take photos as evidence registers their kind here.
    Producers producers = new Producers(pool);
    InspectionRoutes inspections = new InspectionRoutes(pool, producers::exists);
    PhotoRoutes photos = new PhotoRoutes(pool, List.of(
        new Attachable("operation", "operations", Set.of(Role.PRODUCER_ADMIN, Role.RECORDER), RecordType.OPERATION.owner(pool)),
        TestRoutes.photoKind(pool),
        inspections.photoKind()));
    // Bodies are read before anything else; photos may be up to 5 MiB, every other body is JSON of at most 1 MiB,
    // except the reference data's CSV imports, held unread until the caller is known to be a platform admin.
    // A photo of a label to scan is as large as a photo.
    String imagePaths = photos.paths() + "|" + Pattern.quote(ScanRoutes.PATH);
    router.routeWithRegex(imagePaths)
        .handler(BodyHandler.create().setBodyLimit(PhotoRoutes.MAX_BYTES).setHandleFileUploads(false));
    ReferenceRoutes.pauseImports(router);
    router.routeWithRegex("(?!" + imagePaths + "|" + ReferenceRoutes.IMPORTS + "$)/api/.*")
        .handler(BodyHandler.create().setBodyLimit(BODY_LIMIT).setHandleFileUploads(false));

    Sessions sessions = new Sessions(pool, config.tokenTtl());
    Passwords passwords = new Passwords(config.passwordIterations());
    LoginThrottle throttle = new LoginThrottle(pool, config.loginFreeFailures(), config.loginAddressFreeFailures(),
        config.loginFirstWait());
    AccountRoutes accounts = new AccountRoutes(vertx, pool, sessions, throttle,
        addresses, passwords, producers);

    shell.mount(router);
    pages.mount(router);
    new CertificatePages(vertx, pool, pages, config.zone(), this::publicUrl).mount(router);
    new ResolverPages(pool, pages, this::publicUrl).mount(router);
    router.get("/health").handler(this::health);
    router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApi));
    router.get("/api/v1/messages/:language").handler(Server::catalogue);
    accounts.mountPublic(router);

    LabelRoutes labels = new LabelRoutes(vertx, pool, PrintTickets.shared(vertx));
    labels.mountTickets(router);
    router.route("/api/v1/*").handler(new Auth(sessions)::authenticate);
    accounts.mount(router);
    new AccountChanges(vertx, pool, sessions, passwords).mount(router);
    new ProducerRoutes(pool, producers).mount(router);
    new PeopleRoutes(pool, producers, config.zone()).mount(router);
    new RuleRoutes(pool, producers, config.zone()).mount(router);
    new Profile(pool, producers, config.zone(), List.of(
        ProductionPillar.check(pool),
        QualityPillar.check(pool),
        LabelPillar.check(pool),
        PillarCheck.notRecordedYet(Pillar.TRACEABILITY, Message.of("profile.nothing_traceable"))))
        .with("inspections", inspections::profile)
        .mount(router);
    new RecordRoutes(pool, producers::exists, List.of(new TestSync(pool, config.rapidTestThreshold()))).mount(router);
    photos.mount(router);
    new BatchRoutes(pool, producers::exists, Products.batchExtras()).mount(router);
    new ReferenceRoutes(pool).mount(router);
    new TestRoutes(pool, config.rapidTestThreshold()).mount(router);
    new ChecklistRoutes(pool).mount(router);
    inspections.mount(router);
    new CertificateRoutes(pool, config.zone(), this::publicUrl).mount(router);
    new PackingRoutes(pool, config.zone(), this::publicUrl).mount(router);
    labels.mount(router);
    new ScanRoutes(pool, this::publicUrl).mount(router);
    new ProductRoutes(pool, producers::exists).mount(router);
    new BatchProductRoutes(pool).mount(router);
    return router;
  }

  /** The message catalogue in one language, as the phone app renders codes: public, cached for an hour. */
  private static void catalogue(RoutingContext ctx) {
    Messages.Language language = java.util.Arrays.stream(Messages.Language.values())
        .filter(l -> l.tag().equals(ctx.pathParam("language"))).findFirst()
        .orElseThrow(() -> ApiError.notFound("language"));
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=3600")
        .end(Messages.catalogue(language).toBuffer());
  }

  /** The spec this build was made with, from the classpath, whatever the working directory holds. */
  private static Buffer openApiSpec() throws IOException {
    try (InputStream in = Server.class.getResourceAsStream("/mobile-api/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("mobile-api/openapi.yaml is not on the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    }
  }

  /** 200 with the database's state when it answers; 503 with Retry-After when it does not. */
  private void health(RoutingContext ctx) {
    pool.query("SELECT 1").execute()
        .timeout(3, TimeUnit.SECONDS)
        .onFailure(down -> ctx.response().putHeader("Retry-After", Integer.toString(Errors.RETRY_AFTER_SECONDS)))
        .onComplete(result -> Json.send(ctx, result.succeeded() ? 200 : 503, new JsonObject()
            .put("status", result.succeeded() ? "up" : "down")
            .put("database", result.succeeded() ? "up" : "down")
            .put("time", Json.time(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)))));
  }
}
