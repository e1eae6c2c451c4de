package agritrace.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Print tickets end 10 minutes after they are issued, on the clock they are given. */
class PrintTicketsTest {

  /** A clock the test moves by hand. */
  private static final class Hand extends Clock {
    Instant now = Instant.parse("2026-12-01T02:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  @DisplayName("a ticket stands for its session and run until 10 minutes after it was issued, then for nothing, and never for another run")
  void expires() {
    Hand clock = new Hand();
    PrintTickets tickets = new PrintTickets(clock);
    UUID run = UUID.randomUUID();
    PrintTickets.Issued issued = tickets.issue(run, "session-token");
    assertEquals(clock.now.plus(Duration.ofMinutes(10)), issued.expiresAt());
    assertTrue(issued.ticket().length() >= 43, "256 random bits");
    assertNotEquals(issued.ticket(), tickets.issue(run, "session-token").ticket());
    assertEquals("session-token", tickets.tokenFor(issued.ticket(), run));
    assertNull(tickets.tokenFor(issued.ticket(), UUID.randomUUID()), "another run's");
    assertNull(tickets.tokenFor(null, run));
    clock.now = clock.now.plus(Duration.ofMinutes(10)).minusSeconds(1);
    assertEquals("session-token", tickets.tokenFor(issued.ticket(), run));
    clock.now = clock.now.plusSeconds(1);
    assertNull(tickets.tokenFor(issued.ticket(), run), "expired");
    tickets.issue(run, "other");
    assertNull(tickets.tokenFor(issued.ticket(), run), "an expired ticket is forgotten");
  }
}
