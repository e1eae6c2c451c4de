package agritrace.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.Farm;
import agritrace.TestServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The phone's outbox sends a long week of work in pieces the server takes, and nothing twice. */
class OutboxPiecesTest {

  /** Short records first (the 500-record limit cuts them), then long ones (the body limit cuts them). */
  private static final int SHORT = 600;
  private static final int LONG = 300;
  private static final int RECORDS = SHORT + LONG;

  @Test
  @DisplayName("900 records waiting on the phone go in pieces of at most 500 records and under the 1 MiB body limit, each stored once")
  void sendsInPieces() {
    Recording recorder = Recording.freshFarm();
    Farm farm = recorder.farm;
    String plotId = farm.create("plot", Farm.plot());
    Phone phone = recorder.phone;
    // The app's own modules, as its screens use them: the records wait on the phone, then one sync sends them.
    Object sent = phone.browser.driver().executeAsyncScript("""
        const [plotId, short, long, done] = arguments;
        (async () => {
          const { queue } = await import('/app/js/outbox.js');
          const { sync } = await import('/app/js/sync.js');
          const { uuid7 } = await import('/app/js/uuid.js');
          const { nowWithOffset } = await import('/app/js/i18n.js');
          const pieces = [];
          const started = performance.now();
          const fetchBefore = window.fetch;
          window.fetch = (url, options) => {
            if (String(url).endsWith('/api/v1/sync')) {
              pieces.push([JSON.parse(options.body).records.length, new TextEncoder().encode(options.body).length]);
            }
            return fetchBefore(url, options);
          };
          const notes = '滴灌四十分钟，土壤湿润。'.repeat(80);
          for (let i = 0; i < short + long; i++) {
            await queue('operation', { id: uuid7(), plotId, type: 'irrigation', occurredAt: nowWithOffset(), notes: i < short ? `${i}` : `${i} ${notes}` });
          }
          const queued = performance.now();
          await sync();
          window.fetch = fetchBefore;
          console.info(`queued in ${Math.round(queued - started)} ms, sent in ${Math.round(performance.now() - queued)} ms`);
          return pieces;
        })().then(done, (e) => done(String(e)));
        """, plotId, SHORT, LONG);

    assertTrue(sent instanceof List<?>, String.valueOf(sent));
    phone.browser.driver().manage().logs().get("browser").getAll().stream()
        .filter(e -> e.getMessage().contains("queued in")).forEach(e -> System.out.println("outbox: " + e.getMessage()));
    System.out.println("outbox pieces [records, bytes]: " + sent);
    List<?> pieces = (List<?>) sent;
    long records = 0;
    for (Object piece : pieces) {
      List<?> counts = (List<?>) piece;
      long size = ((Number) counts.get(0)).longValue();
      long bytes = ((Number) counts.get(1)).longValue();
      assertTrue(size >= 1 && size <= 500, "a piece of " + size + " records");
      assertTrue(bytes < 1024 * 1024, "a piece of " + bytes + " bytes");
      records += size;
    }
    assertEquals(500L, ((Number) ((List<?>) pieces.get(0)).get(0)).longValue(), "the first piece is cut at 500 records: " + pieces);
    assertTrue(pieces.stream().anyMatch(p -> ((Number) ((List<?>) p).get(0)).longValue() < 500
        && ((Number) ((List<?>) p).get(1)).longValue() > 850 * 1024), "a piece is cut by its size: " + pieces);
    assertEquals(RECORDS, records, "records sent over all pieces: " + pieces);
    assertEquals(RECORDS, TestServer.get().count(
        "SELECT count(*) FROM operations WHERE producer_id = $1 AND unit_id = $2", UUID.fromString(farm.producerId),
        UUID.fromString(plotId)));
    phone.open("/outbox");
    phone.browser.waitFor("#sync-now");
    assertEquals(List.of(), phone.browser.driver().findElements(org.openqa.selenium.By.cssSelector("#outbox-list li")));
  }

  @Test
  @DisplayName("when the server stored a sync but its answer was lost on the way, the phone sends it again and nothing is stored twice")
  void lostAnswer() {
    Recording recorder = Recording.freshFarm();
    Farm farm = recorder.farm;
    String plotId = farm.create("plot", Farm.plot());
    Phone phone = recorder.phone;
    Object waitingAfter = phone.browser.driver().executeAsyncScript("""
        const [plotId, done] = arguments;
        (async () => {
          const { queue } = await import('/app/js/outbox.js');
          const { sync, phone } = await import('/app/js/sync.js');
          const { uuid7 } = await import('/app/js/uuid.js');
          const { nowWithOffset } = await import('/app/js/i18n.js');
          const fetchBefore = window.fetch;
          let lost = 0;
          window.fetch = async (url, options) => {
            const answer = await fetchBefore(url, options);
            if (String(url).endsWith('/api/v1/sync') && lost++ === 0) throw new TypeError('the answer was lost');
            return answer;
          };
          for (let i = 0; i < 3; i++) {
            await queue('operation', { id: uuid7(), plotId, type: 'weeding', occurredAt: nowWithOffset(), notes: `除草 ${i}` });
          }
          await sync();
          const afterLoss = phone.waiting;
          await sync();
          window.fetch = fetchBefore;
          return [afterLoss, phone.waiting, lost];
        })().then(done, (e) => done(String(e)));
        """, plotId);
    assertEquals(List.of(3L, 0L, 2L), waitingAfter, "waiting after the lost answer, after sending again, sync requests");
    assertEquals(3L, TestServer.get().count("SELECT count(*) FROM operations WHERE unit_id = $1", UUID.fromString(plotId)));
  }

  @Test
  @DisplayName("a record saved while an earlier one is still being sent is sent too, not left waiting for the next try")
  void savedWhileSending() {
    Recording recorder = Recording.freshFarm();
    String plotId = recorder.farm.create("plot", Farm.plot());
    Object left = recorder.phone.browser.driver().executeAsyncScript("""
        const [plotId, done] = arguments;
        (async () => {
          const { keepAndSend } = await import('/app/js/recording.js');
          const { waiting } = await import('/app/js/outbox.js');
          const { nowWithOffset } = await import('/app/js/i18n.js');
          const fetchBefore = window.fetch;
          window.fetch = async (url, options) => {
            if (String(url).endsWith('/api/v1/sync')) await new Promise((r) => setTimeout(r, 800));
            return fetchBefore(url, options);
          };
          const record = (notes) => ({ plotId, type: 'irrigation', occurredAt: nowWithOffset(), notes });
          const first = await keepAndSend('operation', record('第一条'));
          await new Promise((r) => setTimeout(r, 200));
          const second = await keepAndSend('operation', record('第二条'));
          await Promise.all([first.sent, second.sent]);
          window.fetch = fetchBefore;
          return (await waiting()).mine.length;
        })().then(done, (e) => done(String(e)));
        """, plotId);
    assertEquals(0L, left, "records still waiting once both sends are over");
    assertEquals(2L, TestServer.get().count("SELECT count(*) FROM operations WHERE unit_id = $1", UUID.fromString(plotId)));
  }
}
