package agritrace.http;

import java.util.List;

/** What the public pages' rate limit costs a request by itself: the client's address from X-Forwarded-For, then a take. */
public final class GuardCost {

  private GuardCost() {
  }

  /** Nanoseconds per guarded request, over {@code requests} from {@code addresses} distinct addresses, after as many untimed. */
  public static double nanosPerRequest(int requests, int addresses) {
    ClientAddress clients = new ClientAddress(List.of("127.0.0.1"));
    String[] forwarded = new String[addresses];
    for (int a = 0; a < addresses; a++) {
      forwarded[a] = "10." + (a >> 16) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }
    long refused = 0;
    long start = 0;
    for (int round = 0; round < 2; round++) {
      RateLimit limit = new RateLimit(600);
      start = System.nanoTime();
      for (int i = 0; i < requests; i++) {
        refused += limit.take(clients.of("127.0.0.1", List.of(forwarded[(int) ((i * 7919L) % addresses)])));
      }
    }
    double nanos = (System.nanoTime() - start) / (double) requests;
    if (refused < 0) {
      throw new AssertionError();
    }
    return nanos;
  }
}
