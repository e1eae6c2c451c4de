package agritrace.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The message catalogue: both languages say the same things, and every code the code uses is in it. */
@org.junit.jupiter.api.extension.ExtendWith(io.vertx.junit5.VertxExtension.class)
class MessagesTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
  /** Message codes are dotted lower-case words: {@code phi.inside_interval}. */
  private static final Pattern CODE = Pattern.compile(
      "\"([a-z][a-z0-9_]+(?:\\.[a-z0-9_]+)+)(?<!\\.html|\\.js|\\.txt|\\.pid)\"");
  /** The phone app's codes: {@code t('app.login.title')}, {@code t("...")}, {@code say({code: '...'})}. */
  private static final Pattern APP_CODE = Pattern.compile("\\bt\\(['\"]([a-z][a-z0-9_]+(?:\\.[a-z0-9_]+)+)['\"]");
  /** A literal given where a message code goes: the message of an ApiError, or a Message's code. */
  private static final Pattern GIVEN = Pattern.compile(
      "(?:ApiError\\.(?:invalid|conflict)\\([^,()]+,\\s*|ApiError\\.forbidden\\(\\s*|Message\\.of\\(\\s*)\"([^\"]*)\"\\s*[,)]");
  private static final Pattern THING = Pattern.compile("(?:notFound|pathId)\\((?:ctx, \"[A-Za-z]+\", )?\"([a-z_]+)\"\\)");

  @Test
  @DisplayName("Chinese and English hold the same codes, each with the same placeholders")
  void languagesAgree() {
    JsonObject zh = Messages.catalogue(Messages.Language.ZH);
    JsonObject en = Messages.catalogue(Messages.Language.EN);
    assertEquals(new TreeSet<>(zh.fieldNames()), new TreeSet<>(en.fieldNames()), "codes in zh (expected) and en");
    for (String code : zh.fieldNames()) {
      assertEquals(placeholders(zh.getString(code)), placeholders(en.getString(code)), code);
      assertTrue(!zh.getString(code).isBlank() && !en.getString(code).isBlank(), code);
    }
  }

  @Test
  @DisplayName("every message code in the server's code has a sentence in the catalogue")
  void everyCodeIsInTheCatalogue() throws IOException {
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher code = CODE.matcher(source);
        while (code.find()) {
          used.add(code.group(1));
        }
        Matcher given = GIVEN.matcher(source);
        while (given.find()) {
          assertTrue(CODE.matcher("\"" + given.group(1) + "\"").matches(),
              () -> file + ": a sentence where a message code goes: " + given.group(1));
        }
        Matcher thing = THING.matcher(source);
        while (thing.find()) {
          used.add("not_found." + thing.group(1));
        }
      }
    }
    assertTrue(used.size() > 20, "codes were found: " + used);
    Set<String> missing = new TreeSet<>(used);
    missing.removeAll(Messages.catalogue(Messages.Language.ZH).fieldNames());
    assertEquals(Set.of(), missing, "codes used but not in the catalogue");
  }

  @Test
  @DisplayName("every text the phone app shows by a fixed code has a sentence in the catalogue")
  void everyAppCodeIsInTheCatalogue() throws IOException {
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/webroot/app"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
        Matcher code = APP_CODE.matcher(Files.readString(file));
        while (code.find()) {
          used.add(code.group(1));
        }
      }
    }
    assertTrue(used.size() > 50, "codes were found: " + used);
    Set<String> missing = new TreeSet<>(used);
    missing.removeAll(Messages.catalogue(Messages.Language.ZH).fieldNames());
    assertEquals(Set.of(), missing, "codes the app uses but the catalogue lacks");
  }

  @Test
  @DisplayName("a message renders its arguments, nested messages and lists in the reader's language")
  void rendersArguments() {
    Message nested = Message.of("field.too_long", "field", "name", "max", 100);
    Message text = Message.of("field.one_of", "field", "kind", "allowed", new JsonArray().add(nested.toJson()).add("x"));
    assertEquals("kind must be one of name must be at most 100 characters, x",
        Messages.render(text, Messages.Language.EN));
    assertEquals("kind 必须是以下之一：name 最多 100 个字、x", Messages.render(text, Messages.Language.ZH));
    assertEquals("no.such.code", Messages.render(Message.of("no.such.code"), Messages.Language.EN));
  }

  @Test
  @DisplayName("the catalogue is served to the app in each language without a login; an unknown language is a 404")
  void served(io.vertx.core.Vertx vertx) {
    agritrace.Api api = new agritrace.Api(vertx);
    agritrace.Api.Response zh = api.get("/api/v1/messages/zh", null);
    assertEquals(200, zh.status());
    assertEquals(Messages.catalogue(Messages.Language.ZH), zh.json());
    assertEquals("public, max-age=3600", zh.header("Cache-Control"));
    assertEquals("{field} is required", api.get("/api/v1/messages/en", null).json().getString("field.required"));
    agritrace.ApiAssertions.assertProblem(api.get("/api/v1/messages/fr", null), 404, "not_found", null);
  }

  @Test
  @DisplayName("no code is written in two bundles, where the later bundle would silently replace the earlier one's sentence")
  void eachCodeInOneBundle() throws IOException {
    java.util.Map<String, String> owner = new java.util.HashMap<>();
    Set<String> twice = new TreeSet<>();
    for (String bundle : Messages.BUNDLES) {
      JsonObject texts = new JsonObject(Files.readString(Path.of("src/main/resources/i18n", bundle + ".zh.json")));
      for (String code : texts.fieldNames()) {
        String earlier = owner.putIfAbsent(code, bundle);
        if (earlier != null) {
          twice.add(code + " (" + earlier + ", " + bundle + ")");
        }
      }
    }
    assertEquals(Set.of(), twice, "codes written in two bundles");
  }

  private static Set<String> placeholders(String template) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
