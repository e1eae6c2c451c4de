package agritrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** mobile-api/openapi.yaml and the server's routes describe the same API, no more, no less. */
@ExtendWith(VertxExtension.class)
class OpenApiContractTest {

  @Test
  @DisplayName("every route the server has is in the spec, and every operation in the spec is a route")
  void specMatchesRoutes() throws Exception {
    Set<String> routes = new TreeSet<>();
    for (Route route : TestServer.get().server.router().getRoutes()) {
      if (route.methods() == null || route.getPath() == null) {
        continue; // handlers for every request (body, authentication), not operations
      }
      if (!route.getPath().startsWith("/api/") && !route.getPath().equals("/health")) {
        continue; // the phone app's pages (/, /app/...), not API operations
      }
      for (HttpMethod method : route.methods()) {
        routes.add(method.name() + " " + route.getPath().replaceAll(":(\\w+)", "{$1}"));
      }
    }
    Set<String> documented = new TreeSet<>();
    Spec spec = Spec.load();
    assertEquals("3.1.0", spec.root().get("openapi"));
    spec.operations().forEach(operation -> documented.add(operation.name()));
    assertTrue(routes.size() > 10, "the router's routes were read: " + routes);
    assertEquals(routes, documented, "routes (expected) vs operations in mobile-api/openapi.yaml (actual)");
  }

  @Test
  @DisplayName("the server serves the spec on its classpath, the one it was built with")
  void specIsServed(Vertx vertx) throws Exception {
    Api.Response served = new Api(vertx).get("/api/v1/openapi.yaml", null);
    assertEquals(200, served.status());
    assertArrayEquals(builtSpec(), served.raw().body().getBytes());
  }

  @Test
  @DisplayName("the spec on the classpath is the repository's file as it is")
  void builtSpecIsTheFile() throws Exception {
    assertArrayEquals(Files.readAllBytes(Path.of("mobile-api/openapi.yaml")), builtSpec());
  }

  private static byte[] builtSpec() throws Exception {
    try (InputStream built = OpenApiContractTest.class.getResourceAsStream("/mobile-api/openapi.yaml")) {
      assertNotNull(built, "the build copies mobile-api/ into the classes");
      return built.readAllBytes();
    }
  }
}
