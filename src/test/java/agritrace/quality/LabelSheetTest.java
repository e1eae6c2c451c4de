package agritrace.quality;

import static agritrace.ApiAssertions.assertProblem;
import static agritrace.ApiAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Api;
import agritrace.Farm;
import agritrace.TestServer;
import agritrace.labels.LabelDrawing;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A packing run's printable sheets: HTML pages of SVG at physical size, every label's QR decoding to its unit's URL. */
@ExtendWith(VertxExtension.class)
class LabelSheetTest {

  private static final Pattern PAGE = Pattern.compile("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"page\" width=\"([0-9.]+)mm\" height=\"([0-9.]+)mm\" viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"");
  private static final Pattern PLACE = Pattern.compile("<g transform=\"translate\\(([0-9.]+) ([0-9.]+)\\)\">(.*?)</g>");
  private static final Pattern TEXT = Pattern.compile("<text( class=\"code\")? x=\"([0-9.]+)\" y=\"([0-9.]+)\"[^>]*>(.*?)</text>");

  private static String sheet(Api api, String run, String layout, String token) {
    Api.Response r = api.get("/api/v1/packing-runs/" + run + "/labels?layout=" + layout, token);
    assertStatus(r, 200);
    assertEquals("text/html; charset=utf-8", r.header("Content-Type"));
    assertEquals("chunked", r.header("Transfer-Encoding"), "the sheet is streamed");
    return r.raw().bodyAsString();
  }

  private static List<String> pages(String html, double width, double height) {
    List<String> pages = new ArrayList<>();
    Matcher page = PAGE.matcher(html);
    String w = LabelDrawing.mm(width);
    String h = LabelDrawing.mm(height);
    while (page.find()) {
      assertEquals(List.of(w, h, w, h), List.of(page.group(1), page.group(2), page.group(3), page.group(4)),
          "each page is its physical size, user units in mm");
      int end = html.indexOf("</svg>\n", page.end());
      pages.add(html.substring(page.start(), end));
    }
    return pages;
  }

  /** The stored units of a run by number: code and URL. */
  private static List<Row> units(String run) {
    List<Row> rows = new ArrayList<>();
    TestServer.get().sql("SELECT code, url FROM label_codes WHERE run_id = $1 AND kind = 'unit' ORDER BY number",
        UUID.fromString(run)).forEach(rows::add);
    return rows;
  }

  /**
   * Checks one label: its QR decodes to {@code url}, its module is 0.4-1.0 mm, and its quiet
   * zone is clear, every text right of the symbol or (the code) below it; answers the code printed.
   */
  private static String checkLabel(String label, String url) {
    List<LabelFilesTest.Drawn> qr = LabelFilesTest.qrs(label);
    assertEquals(1, qr.size());
    assertEquals(url, qr.get(0).text());
    double module = qr.get(0).module();
    assertTrue(module >= 0.4 && module <= 1.0, "module " + module);
    double side = qr.get(0).width();
    assertTrue(label.contains("<svg class=\"qr\" x=\"1\" y=\"1\""), "the symbol at 1 mm from the label's corner");
    String code = null;
    Matcher text = TEXT.matcher(label);
    while (text.find()) {
      double x = Double.parseDouble(text.group(2));
      double y = Double.parseDouble(text.group(3));
      assertTrue(x < 50 && y <= 30, "inside the label: " + text.group());
      if (text.group(1) != null) {
        assertTrue(y > 1 + side, "the code below the quiet zone: " + text.group());
        code = text.group(4).replace("-", "");
      } else {
        assertTrue(x >= 1 + side, "text right of the quiet zone: " + text.group());
      }
    }
    return code;
  }

  @Test
  @DisplayName("the thermal sheet is one 50 × 30 mm page a unit, @page of that size, each label's QR decoding to its unit's stored URL (a percent-encoded lot) at 0.4-1.0 mm a module, its quiet zone clear")
  void thermal(Vertx vertx) {
    Packing p = new Packing(vertx);
    TestServer.get().sql("UPDATE producers SET short_code = $1 WHERE id = $2",
        "P&" + UUID.randomUUID().toString().substring(0, 4).toUpperCase(), UUID.fromString(p.c.lab.farm.producerId));
    String batch = p.certified();
    String run = p.packed(batch, Packing.run(p.product(batch, Packing.GTIN_13), 5, 1, "kg")).getString("id");
    String html = sheet(p.api, run, "thermal-50x30", p.c.lab.farm.recorder);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(html.contains("@page{size:50mm 30mm;margin:0}"), html);
    assertTrue(html.trim().endsWith("</html>"));
    List<String> pages = pages(html, 50, 30);
    List<Row> units = units(run);
    assertEquals(5, pages.size());
    for (int i = 0; i < pages.size(); i++) {
      Matcher place = PLACE.matcher(pages.get(i));
      assertTrue(place.find());
      assertEquals("0 0", place.group(1) + " " + place.group(2));
      assertTrue(units.get(i).getString("url").contains("/10/P%26"), units.get(i).getString("url"));
      assertEquals(units.get(i).getString("code"), checkLabel(place.group(3), units.get(i).getString("url")));
    }
  }

  @Test
  @DisplayName("the A4 sheet is 210 × 297 mm pages of 3 × 8 labels 50 × 30 mm, each centred in its 70 × 37 mm cell from 0.5 mm down, a last page partly filled, /t/ URLs decoding")
  void a4(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String run = p.packed(batch, Packing.run(p.product(batch, null), 26, 1, "kg")).getString("id");
    String html = sheet(p.api, run, "a4-3x8", p.c.producerAdmin);
    assertTrue(html.contains("@page{size:210mm 297mm;margin:0}"), html);
    List<String> pages = pages(html, 210, 297);
    assertEquals(2, pages.size());
    List<Row> units = units(run);
    int n = 0;
    for (int page = 0; page < 2; page++) {
      Matcher place = PLACE.matcher(pages.get(page));
      int onPage = 0;
      while (place.find()) {
        int column = onPage % 3;
        int row = onPage / 3;
        assertEquals(LabelDrawing.mm(column * 70 + 10.0), place.group(1), "x of label " + onPage);
        assertEquals(LabelDrawing.mm(0.5 + row * 37 + 3.5), place.group(2), "y of label " + onPage);
        Row unit = units.get(n);
        assertTrue(unit.getString("url").contains("/t/"));
        assertEquals(unit.getString("code"), checkLabel(place.group(3), unit.getString("url")));
        onPage++;
        n++;
      }
      assertEquals(page == 0 ? 24 : 2, onPage);
    }
    assertEquals(26, n);
  }

  @Test
  @DisplayName("the sheets of a 1,000-unit run are complete: 1,000 thermal pages and 42 A4 pages, every unit's code once, in order")
  void thousand(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String run = p.packed(batch, Packing.run(p.product(batch, Packing.GTIN_14), 1000, 50, "g")).getString("id");
    List<String> stored = units(run).stream().map(r -> r.getString("code")).toList();
    assertEquals(1000, stored.size());
    for (String layout : new String[] {"thermal-50x30", "a4-3x8"}) {
      String html = sheet(p.api, run, layout, p.c.lab.farm.recorder);
      List<String> pages = layout.startsWith("a4") ? pages(html, 210, 297) : pages(html, 50, 30);
      assertEquals(layout.startsWith("a4") ? 42 : 1000, pages.size(), layout);
      List<String> printed = new ArrayList<>();
      Matcher code = Pattern.compile("<text class=\"code\"[^>]*>([0-9A-Z-]+)</text>").matcher(html);
      while (code.find()) {
        printed.add(code.group(1).replace("-", ""));
      }
      assertEquals(stored, printed, layout);
      assertEquals(1000, countOf(html, "<svg class=\"qr\""));
    }
    String html = sheet(p.api, run, "a4-3x8", p.c.lab.farm.recorder);
    Matcher label = PLACE.matcher(html);
    Set<Integer> sampled = Set.of(0, 191, 192, 999);
    int i = 0;
    while (label.find()) {
      if (sampled.contains(i)) {
        assertEquals(stored.get(i), checkLabel(label.group(3), LabelFilesTest.stored(stored.get(i))), "label " + i);
      }
      i++;
    }
  }

  private static int countOf(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  @Test
  @DisplayName("an unknown or missing layout is a 400 naming layout; other producers' users, inspectors and platform admins get 403, an unknown run 404, no login 401")
  void refusals(Vertx vertx) {
    Packing p = new Packing(vertx);
    String batch = p.certified();
    String run = p.packed(batch, Packing.run(p.product(batch, null), 2, 1, "kg")).getString("id");
    String token = p.c.lab.farm.recorder;
    String path = "/api/v1/packing-runs/" + run + "/labels";
    assertProblem(p.api.get(path + "?layout=a5", token), 400, "invalid_field", "layout");
    assertProblem(p.api.get(path, token), 400, "invalid_field", "layout");
    assertProblem(p.api.get(path + "?layout=", token), 400, "invalid_field", "layout");
    Farm farm = p.c.lab.farm;
    String outsider = p.api.newUser(farm.admin, p.api.newProducer(farm.admin), "recorder");
    for (String who : new String[] {outsider, p.c.inspector, farm.admin}) {
      assertEquals(403, p.api.get(path + "?layout=a4-3x8", who).status());
      assertEquals(403, p.api.get(path + "?layout=nonsense", who).status(), "who may is checked first");
    }
    assertEquals(401, p.api.get(path + "?layout=a4-3x8", null).status());
    assertEquals(404, p.api.get("/api/v1/packing-runs/" + UUID.randomUUID() + "/labels?layout=a4-3x8", token).status());
    assertEquals(404, p.api.get("/api/v1/packing-runs/not-an-id/labels?layout=a4-3x8", token).status());
  }
}
