package agritrace.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How often one client address may ask for something public: a token bucket per address, holding
 * at most a minute's allowance and refilled evenly, so a shopper's scan or an inspector's burst
 * passes and a flood is slowed to the allowance. Kept in memory and shared by every server
 * instance of the process (one limit per address, whichever event loop takes the request); a
 * restart forgets it, which is fine for pages anyone may open. Buckets full again are dropped
 * at most once a minute, by the take that finds a minute gone, so memory follows the addresses
 * of the last minute or so.
 *
 * <p>A take is one map lookup and a few arithmetic operations under the bucket's own lock: no
 * I/O, nothing shared between addresses.
 */
public final class RateLimit implements Shareable {

  private static final long SWEEP_NANOS = 60_000_000_000L;

  private final long perMinute;
  private final double nanosPerToken;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong sweptAt = new AtomicLong(System.nanoTime());

  RateLimit(long perMinute) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("a rate limit allows at least one request a minute");
    }
    this.perMinute = perMinute;
    this.nanosPerToken = 60e9 / perMinute;
  }

  /**
   * The limit named {@code name} allowing {@code perMinute} in this Vert.x instance, made on first
   * use; every server verticle asking for the same name and allowance shares it.
   */
  public static RateLimit shared(Vertx vertx, String name, long perMinute) {
    var limits = vertx.sharedData().<String, RateLimit>getLocalMap("agritrace.rate-limits");
    RateLimit made = new RateLimit(perMinute);
    RateLimit existing = limits.putIfAbsent(name + "/" + perMinute, made);
    return existing != null ? existing : made;
  }

  /** What a limited route answers instead, told how many seconds to wait (Retry-After is already set). */
  public interface Refusal {
    void refuse(RoutingContext ctx, long seconds);
  }

  /** A handler that lets a request on while its client address has tokens left, else refuses it with 429. */
  public Handler<RoutingContext> guard(ClientAddress addresses, Refusal refusal) {
    return ctx -> {
      long wait = take(addresses.of(ctx));
      if (wait == 0) {
        ctx.next();
      } else {
        ctx.response().putHeader("Retry-After", Long.toString(wait));
        refusal.refuse(ctx, wait);
      }
    };
  }

  /** Takes one request's token for {@code client}: 0 when it may go on, else the seconds until it may. */
  public long take(String client) {
    return take(client, System.nanoTime());
  }

  long take(String client, long now) {
    long swept = sweptAt.get();
    if (now - swept > SWEEP_NANOS && sweptAt.compareAndSet(swept, now)) {
      forgetFull(now);
    }
    return buckets.computeIfAbsent(client, key -> new Bucket(perMinute, now)).take(now, perMinute, nanosPerToken);
  }

  void forgetFull(long now) {
    buckets.values().removeIf(bucket -> bucket.fullAt(now, perMinute, nanosPerToken));
  }

  int size() {
    return buckets.size();
  }

  private static final class Bucket {
    private double tokens;
    private long at;

    Bucket(long tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }

    synchronized long take(long now, long capacity, double nanosPerToken) {
      refill(now, capacity, nanosPerToken);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken / 1e9));
    }

    synchronized boolean fullAt(long now, long capacity, double nanosPerToken) {
      refill(now, capacity, nanosPerToken);
      return tokens >= capacity;
    }

    private void refill(long now, long capacity, double nanosPerToken) {
      if (now > at) {
        tokens = Math.min(capacity, tokens + (now - at) / nanosPerToken);
        at = now;
      }
    }
  }
}
