package agritrace.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message catalogue: one sentence per code and language, with {@code {name}} placeholders
 * for the arguments. Read once from {@code i18n/{bundle}.{language}.json} on the classpath, one
 * bundle per feature; the phone app reads the same catalogue.
 */
public final class Messages {

  /** The languages the catalogue is written in; Chinese first. */
  public enum Language {
    ZH, EN;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One bundle per feature; each holds the same codes in every language. */
  public static final List<String> BUNDLES = List.of("http", "producer", "production", "photos", "app", "app-admin",
      "app-recording", "app-oversight", "quality", "app-testing", "inspections", "app-inspections", "certificates",
      "app-certificates", "products", "app-products", "labels", "app-labels", "app-scan");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
  private static final Map<Language, JsonObject> CATALOGUE = Map.of(
      Language.ZH, load(Language.ZH), Language.EN, load(Language.EN));

  private Messages() {
  }

  /** Every code and its sentence in one language, as the app reads them. */
  public static JsonObject catalogue(Language language) {
    return CATALOGUE.get(language).copy();
  }

  /**
   * The reader's language: the first of Accept-Language's choices (by weight) that the catalogue
   * is written in; Chinese when none is.
   */
  public static Language language(RoutingContext ctx) {
    for (LanguageHeader header : ctx.acceptableLanguages()) {
      String tag = header.tag().toLowerCase(Locale.ROOT);
      if (tag.equals("zh")) {
        return Language.ZH;
      }
      if (tag.equals("en")) {
        return Language.EN;
      }
    }
    return Language.ZH;
  }

  /** The sentence of a message in a language; the code itself if the catalogue lacks it. */
  public static String render(Message message, Language language) {
    String template = CATALOGUE.get(language).getString(message.code());
    if (template == null) {
      return message.code();
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(argument(message.args().getValue(m.group(1)), language)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Several sentences as one, joined as clauses in the reader's language. */
  public static String render(java.util.List<Message> sentences, Language language) {
    return argument(Message.clauses(sentences), language);
  }

  /** A message as an API answer shows it: {@code {"code", "args", "message"}}. */
  public static JsonObject toJson(Message message, Language language) {
    return message.toJson().put("message", render(message, language));
  }

  private static String argument(Object value, Language language) {
    if (value instanceof JsonObject nested && nested.containsKey("code")) {
      return render(Message.fromJson(nested), language);
    }
    if (value instanceof JsonObject clauses && clauses.containsKey(Message.CLAUSES)) {
      return join(clauses.getJsonArray(Message.CLAUSES), language == Language.ZH ? "；" : "; ", language);
    }
    if (value instanceof JsonArray items) {
      return join(items, language == Language.ZH ? "、" : ", ", language);
    }
    return value == null ? "" : value.toString();
  }

  private static String join(JsonArray items, String separator, Language language) {
    StringBuilder joined = new StringBuilder();
    for (Object item : items) {
      if (joined.length() > 0) {
        joined.append(separator);
      }
      joined.append(argument(item, language));
    }
    return joined.toString();
  }

  private static JsonObject load(Language language) {
    JsonObject all = new JsonObject();
    for (String bundle : BUNDLES) {
      String name = "i18n/" + bundle + "." + language.tag() + ".json";
      try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("the message catalogue lacks " + name);
        }
        all.mergeIn(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }
}
