package agritrace.labels;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived print tickets: a browser tab opened to print a run's label sheet carries no
 * Authorization header, so the app first asks for a ticket, a random 256-bit string that stands
 * for the session that asked, for that run only, for {@link #TTL}. Kept in this process's memory,
 * shared by its server verticles ({@link #shared}: a ticket works on any event loop of the process
 * that issued it, not on another process, and none survive a restart); the session is checked
 * again when the ticket is used, so logging out ends its tickets too.
 */
public final class PrintTickets implements Shareable {

  public static final Duration TTL = Duration.ofMinutes(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Whom a ticket stands for, for which run, until when. */
  private record Ticket(UUID runId, String token, Instant expires) {
  }

  /** A ticket issued: the string to put in the sheet's address, and its end. */
  public record Issued(String ticket, Instant expiresAt) {
  }

  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
  private final Clock clock;

  public PrintTickets(Clock clock) {
    this.clock = clock;
  }

  /** The tickets of this Vert.x instance's process, made on first use: every server verticle shares them. */
  public static PrintTickets shared(Vertx vertx) {
    var kept = vertx.sharedData().<String, PrintTickets>getLocalMap("agritrace.print-tickets");
    PrintTickets made = new PrintTickets(Clock.systemUTC());
    PrintTickets existing = kept.putIfAbsent("tickets", made);
    return existing != null ? existing : made;
  }

  /** A new ticket for the run, standing for the session whose bearer token is {@code token}. */
  public Issued issue(UUID runId, String token) {
    Instant now = clock.instant();
    tickets.values().removeIf(t -> !t.expires().isAfter(now));
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant expires = now.plus(TTL);
    tickets.put(ticket, new Ticket(runId, token, expires));
    return new Issued(ticket, expires);
  }

  /** The bearer token a live ticket for this run stands for; null for an unknown, expired or other run's ticket. */
  public String tokenFor(String ticket, UUID runId) {
    Ticket found = ticket == null ? null : tickets.get(ticket);
    if (found == null || !found.expires().isAfter(clock.instant())) {
      return null;
    }
    return found.runId().equals(runId) ? found.token() : null;
  }
}
