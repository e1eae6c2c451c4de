package agritrace.quality;

import static agritrace.quality.Resolving.get;
import static agritrace.quality.Resolving.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Farm;
import agritrace.labels.UnitCode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a printed code opens: a unit's, a case's and a lot's public pages, and the 301, 400 and 404 answers. */
@ExtendWith(VertxExtension.class)
class ResolverPageTest {

  private static void assertPage(HttpResponse<String> r, int status, String path) {
    assertEquals(status, r.statusCode(), () -> path + ": " + r.body());
    assertEquals("text/html; charset=utf-8", header(r, "Content-Type"), path);
    assertTrue(header(r, "Content-Security-Policy").contains("default-src 'none'"), path);
    assertEquals("nosniff", header(r, "X-Content-Type-Options"), path);
    assertEquals("no-cache", header(r, "Cache-Control"), path);
    assertFalse(r.body().contains("<script"), path);
  }

  @Test
  @DisplayName("HEAD answers as GET does, its headers without the body (the next answer on the connection follows at once): a unit's page 200, an unknown code 404")
  void head(Vertx vertx) throws Exception {
    Resolving r = new Resolving(vertx, null);
    HttpResponse<String> page = get(r.unitPath(0));
    for (String[] asked : new String[][] {{r.unitPath(0), "200"}, {"/t/0000000000000000", "404"}}) {
      try (java.net.Socket socket = new java.net.Socket("localhost", java.net.URI.create(Resolving.base()).getPort())) {
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(("HEAD " + asked[0] + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
            + "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String[] answers = raw.split("\r\n\r\n", 2);
        assertTrue(answers[0].startsWith("HTTP/1.1 " + asked[1]), raw);
        assertTrue(answers[1].startsWith("HTTP/1.1 200"), "nothing between the HEAD's headers and the next answer: " + raw);
        assertTrue(answers[0].contains("Content-Type: text/html; charset=utf-8"), raw);
        if (asked[1].equals("200")) {
          assertTrue(answers[0].contains("Content-Security-Policy: " + header(page, "Content-Security-Policy")), raw);
          assertTrue(answers[0].contains("Link: " + header(page, "Link")), raw);
        }
      }
    }
  }

  @Test
  @DisplayName("a unit's Digital Link opens its page: product, producer, origin, pack date, net weight, lot, status and the certificate, in both languages, nothing private")
  void unitPage(Vertx vertx) {
    Resolving r = new Resolving(vertx, null);
    String lotCode = r.p.api.get("/api/v1/batches/" + r.batch, r.p.c.lab.farm.recorder).json().getString("lotCode");
    HttpResponse<String> page = get(r.unitPath(0));
    assertPage(page, 200, r.unitPath(0));
    assertEquals("*", header(page, "Access-Control-Allow-Origin"));
    assertEquals("<" + Resolving.base() + r.unitPath(0) + "?linkType=linkset>; rel=\"linkset\"; type=\"application/linkset+json\"",
        header(page, "Link"));
    String html = page.body();
    String code = r.certificate.getString("code");
    for (String shown : new String[] {"产品追溯", "Product trace", r.run.getString("productName"), r.certificate.getString("issuer"),
        r.certificate.getString("origin"), Farm.today().toString(), ">500<", "克", lotCode, "已放行", "released",
        "自行检测合格", "Passed our own test", "href=\"/c/" + code + "\"", "查看合格证", "View the certificate",
        new UnitCode(r.unit(0).getString("code")).grouped(), "href=\"/pages/public.css\""}) {
      assertTrue(html.contains(shown), () -> "the page shows " + shown + ":\n" + html);
    }
    for (String hidden : new String[] {r.p.c.lab.farm.producerId, r.batch, r.run.getString("id"), "测试用户", "style=",
        "id=\"status-alert\"", "id=\"units\""}) {
      assertFalse(html.contains(hidden), () -> "the page does not show " + hidden + ":\n" + html);
    }
    assertTrue(html.indexOf(">产品追溯<") < html.indexOf(">Product trace<"), "Chinese first");
  }

  @Test
  @DisplayName("the GTIN as 8, 12, 13 or 14 digits, a trailing slash, a query string and a percent-encoded lot all open the same unit's page")
  void pathForms(Vertx vertx) {
    Resolving r = new Resolving(vertx, null);
    String serial = r.unit(1).getString("code");
    StringBuilder encodedLot = new StringBuilder();
    for (byte b : r.lot().getBytes(StandardCharsets.UTF_8)) {
      encodedLot.append(String.format(Locale.ROOT, "%%%02x", b));
    }
    String grouped = new UnitCode(serial).grouped();
    for (String gtin : new String[] {r.gtin8, "0000" + r.gtin8, "00000" + r.gtin8, r.gtin14()}) {
      for (String path : new String[] {"/01/" + gtin + "/10/" + r.lot() + "/21/" + serial,
          "/01/" + gtin + "/10/" + r.lot() + "/21/" + serial + "/",
          "/01/" + gtin + "/10/" + r.lot() + "/21/" + serial + "?utm_source=wechat&x=%E4%B8%AD",
          "/01/" + gtin + "/10/" + encodedLot + "/21/" + serial}) {
        HttpResponse<String> page = get(path);
        assertPage(page, 200, path);
        assertTrue(page.body().contains(grouped), path);
      }
    }
  }

  @Test
  @DisplayName("the lot-level link opens the batch's page; a case's /t/ code lists its units with links; a unit's /t/ code opens the unit")
  void lotAndCase(Vertx vertx) {
    Resolving r = new Resolving(vertx, null);
    HttpResponse<String> lot = get("/01/" + r.gtin8 + "/10/" + r.lot());
    assertPage(lot, 200, "lot");
    assertTrue(lot.body().contains(r.run.getString("productName")) && lot.body().contains("已放行"), lot.body());
    assertFalse(lot.body().contains("id=\"code\""), "a lot has no code of its own");

    JsonObject box = r.box(0);
    HttpResponse<String> page = get("/t/" + box.getString("code"));
    assertPage(page, 200, "case");
    String html = page.body();
    assertTrue(html.contains("id=\"units\"") && html.contains("本箱内的产品") && html.contains("Units in this case"), html);
    for (int i = 0; i < 4; i++) {
      JsonObject unit = r.unit(i);
      boolean inBox = unit.getString("caseCode").equals(box.getString("code"));
      assertEquals(inBox, html.contains("href=\"" + unit.getString("url") + "\""), () -> "unit " + unit + ":\n" + html);
      assertEquals(inBox, html.contains(new UnitCode(unit.getString("code")).grouped()), unit.encode());
    }
    assertFalse(html.contains("id=\"net\""), "a case's page gives no unit weight as its own");

    HttpResponse<String> unit = get("/t/" + r.unit(2).getString("code"));
    assertPage(unit, 200, "unit by /t/");
    assertTrue(unit.body().contains(new UnitCode(r.unit(2).getString("code")).grouped()));
  }

  @Test
  @DisplayName("a code typed in lower case, with hyphens or full-width characters is redirected (301) to its canonical /t/ address, the query kept")
  void typedCode(Vertx vertx) {
    Resolving r = new Resolving(vertx, null);
    String code = r.box(1).getString("code");
    String fullWidth = code.chars().mapToObj(c -> String.valueOf((char) (c + 0xFEE0))).reduce("", String::concat);
    for (String typed : new String[] {code.toLowerCase(Locale.ROOT), new UnitCode(code).grouped(),
        java.net.URLEncoder.encode(fullWidth, StandardCharsets.UTF_8)}) {
      HttpResponse<String> redirect = get("/t/" + typed + "?from=sms");
      assertEquals(301, redirect.statusCode(), typed);
      assertEquals("/t/" + code + "?from=sms", header(redirect, "Location"), typed);
    }
  }

  @Test
  @DisplayName("an invalid link or code is a 400 page naming why, in both languages, never a 200")
  void invalid(Vertx vertx) {
    Resolving r = new Resolving(vertx, null);
    String serial = r.unit(0).getString("code");
    String badCheck = r.gtin8.substring(0, 7) + (char) ('0' + (r.gtin8.charAt(7) - '0' + 1) % 10);
    String[][] cases = {
        {"/01/" + badCheck + "/10/" + r.lot() + "/21/" + serial, "校验位不对", "check digit is wrong"},
        {"/01/" + r.gtin8 + "/21/" + serial + "/10/" + r.lot(), "22、10（批号）、21", "out of order"},
        {"/01/" + r.gtin8 + "/10/" + r.lot() + "/21/" + serial + "/21/" + serial, "出现了两次", "appears twice"},
        {"/01/" + r.gtin8 + "/10/AB%FF/21/" + serial, "转义", "wrongly escaped"},
        {"/01/" + r.gtin8 + "/10/" + "A".repeat(21), "1 到 20", "1 to 20 characters"},
        {"/01/123/10/" + r.lot(), "8、12、13 或 14 位", "8, 12, 13 or 14 digits"},
        {"/01/" + r.gtin8 + "/99/x", "不认识", "does not know"},
        {"/t/ABC", "位数不对", "wrong number of characters"},
        {"/t/" + "U".repeat(16), "不会出现的字符", "characters no label has"}};
    for (String[] c : cases) {
      HttpResponse<String> page = get(c[0]);
      assertPage(page, 400, c[0]);
      assertTrue(page.body().contains("这不是有效的追溯链接") && page.body().contains("This is not a valid trace link"), page.body());
      assertTrue(page.body().contains(c[1]) && page.body().contains(c[2]), () -> c[0] + ":\n" + page.body());
    }
    // A broken escape, which java.net.URI will not even send: the router itself refuses the path, before any page.
    agritrace.Api.Response broken = r.p.api.get("/01/" + r.gtin8 + "/10/AB%2/21/" + serial, null);
    assertEquals(400, broken.status(), broken.raw().bodyAsString());
  }

  @Test
  @DisplayName("a well-formed code nobody was given is a friendly 404 page saying it is not genuine, in both languages")
  void unknown(Vertx vertx) {
    Resolving r = new Resolving(vertx, null);
    String serial = r.unit(0).getString("code");
    String other = UnitCode.random().value();
    for (String path : new String[] {"/t/" + other, "/01/" + r.gtin8 + "/10/" + r.lot() + "/21/" + other,
        "/01/" + r.gtin8 + "/10/OTHERLOT/21/" + serial, "/01/" + r.gtin8 + "/10/OTHERLOT",
        "/01/09520123456788/10/" + r.lot() + "/21/" + serial, "/01/" + r.gtin8 + "/10/" + r.lot() + "/21/" + r.box(0).getString("code"),
        "/01/" + r.gtin8}) {
      HttpResponse<String> page = get(path);
      assertPage(page, 404, path);
      assertTrue(page.body().contains("此码不是真实的追溯码") && page.body().contains("This is not a genuine trace code"),
          () -> path + ":\n" + page.body());
    }
  }

  @Test
  @DisplayName("an inspector's hold shows at the top of the unit's page in red, in both languages, the inspector's note kept internal")
  void hold(Vertx vertx) {
    Resolving r = new Resolving(vertx, null);
    r.p.c.hold(r.batch, "市场抽检超标，内部调查中");
    String html = get(r.unitPath(3)).body();
    int alert = html.indexOf("id=\"status-alert\"");
    assertTrue(alert > 0 && alert < html.indexOf("class=\"masthead\""), "the alert comes first:\n" + html);
    assertTrue(html.contains("该批次已被“暂扣”") && html.contains("this batch has been &quot;held&quot;"), html);
    assertTrue(html.contains("status-held"), html);
    assertFalse(html.contains("内部调查中"), "the inspector's note stays internal");
    assertTrue(get("/t/" + r.box(0).getString("code")).body().contains("id=\"status-alert\""), "the case's page too");
  }

  @Test
  @DisplayName("a product name with markup comes out escaped on the page")
  void escaping(Vertx vertx) {
    String nasty = "<script>alert(1)</script>青菜\"'&";
    Resolving r = new Resolving(vertx, nasty);
    String html = get(r.unitPath(0)).body();
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;青菜&quot;&#39;&amp;"), html);
    assertFalse(html.contains("<script>"), html);
  }
}
