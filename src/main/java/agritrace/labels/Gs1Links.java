package agritrace.labels;

import agritrace.http.Message;
import agritrace.http.Messages;
import agritrace.http.Messages.Language;
import agritrace.quality.Certificates;
import agritrace.web.PublicUrl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What the resolver says in GS1's terms: the link types it serves (GS1 Web Vocabulary terms),
 * the RFC 9264 linkset of a Digital Link, and its description file for
 * {@code /.well-known/gs1resolver}. Titles are in Chinese then English, from the catalogue.
 */
final class Gs1Links {

  static final String VOCABULARY = "https://gs1.org/voc/";
  /** The link types served, each with the catalogue code of its title; pip is the default. */
  private static final Map<String, String> SERVED = Map.of(
      "pip", "labels.link.pip", "certificationInfo", "labels.link.certification_info",
      "traceability", "labels.link.traceability");
  private static final String[] ORDER = {"pip", "certificationInfo", "traceability"};

  private Gs1Links() {
  }

  /** The link type asked for, as its term in GS1's vocabulary: {@code gs1:pip} and its full URI both give {@code pip}. */
  static String linkType(List<String> asked) {
    if (asked.isEmpty() || asked.get(0).isBlank()) {
      return null;
    }
    String type = asked.get(0).strip();
    return type.startsWith("gs1:") ? type.substring(4)
        : type.startsWith(VOCABULARY) ? type.substring(VOCABULARY.length()) : type;
  }

  /**
   * The linkset: for the anchor and, for a unit, its lot too (the levels up to the GTIN that have
   * links), each served link type with its target and title; the page is the one default link.
   */
  static JsonObject linkset(PublicUrl publicUrl, DigitalLink link, String item, Certificates.Shown certificate) {
    String base = publicUrl.base();
    JsonArray sets = new JsonArray().add(links(publicUrl, base + link.path(), item, certificate));
    if (link.serial() != null) {
      sets.add(links(publicUrl, base + DigitalLink.ofLot(link.gtin(), link.lot()).path(), item, certificate));
    }
    return new JsonObject().put("linkset", sets);
  }

  private static JsonObject links(PublicUrl publicUrl, String anchor, String item, Certificates.Shown certificate) {
    JsonObject set = new JsonObject().put("anchor", anchor).put("itemDescription", item);
    for (String type : ORDER) {
      String href = type.equals("certificationInfo")
          ? certificate == null ? null : publicUrl.certificate(certificate.code()) : anchor;
      if (href != null) {
        set.put(VOCABULARY + type, new JsonArray().add(target(href, SERVED.get(type))));
      }
    }
    set.put(VOCABULARY + "defaultLink", new JsonArray().add(target(anchor, SERVED.get("pip"))));
    return set;
  }

  private static JsonObject target(String href, String title) {
    return new JsonObject().put("href", href)
        .put("title", Messages.render(Message.of(title), Language.ZH) + " " + Messages.render(Message.of(title), Language.EN))
        .put("hreflang", new JsonArray().add("zh").add("en")).put("type", "text/html");
  }

  /** The resolver's description file: who it is, its root, the keys and link types it serves. */
  static JsonObject description(PublicUrl publicUrl) {
    return new JsonObject()
        .put("name", "agritrace")
        .put("resolverRoot", publicUrl.base())
        .put("supportedPrimaryKeys", new JsonArray().add("01"))
        .put("supportedLinkType", new JsonArray().add(new JsonObject().put("namespace", VOCABULARY).put("prefix", "gs1:")))
        .put("linkTypeDefaultCanBeLinkset", false);
  }
}
