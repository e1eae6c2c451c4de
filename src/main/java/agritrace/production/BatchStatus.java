package agritrace.production;

import agritrace.http.Message;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a batch stands, and the moves allowed between statuses: the one place they are written.
 * {@code harvested}: recorded, not yet cleared for sale; {@code held}; {@code released}: cleared
 * for sale; {@code rejected}: non-conformant, final; {@code recalled}: final.
 */
public enum BatchStatus {
  HARVESTED, HELD, RELEASED, REJECTED, RECALLED;

  private static final Map<BatchStatus, Set<BatchStatus>> NEXT = Map.of(
      HARVESTED, EnumSet.of(HELD, RELEASED, REJECTED, RECALLED),
      HELD, EnumSet.of(RELEASED, REJECTED, RECALLED),
      RELEASED, EnumSet.of(HELD, REJECTED, RECALLED),
      REJECTED, EnumSet.noneOf(BatchStatus.class),
      RECALLED, EnumSet.noneOf(BatchStatus.class));

  /** The name in the API and in new events, e.g. {@code released}. */
  public String id() {
    return name().toLowerCase();
  }

  /** The status's name for people. */
  public Message title() {
    return Message.of("status." + id());
  }

  /** The statuses a batch may move to from this one. */
  public Set<BatchStatus> next() {
    return NEXT.get(this);
  }

  public boolean allows(BatchStatus to) {
    return NEXT.get(this).contains(to);
  }

  /**
   * Where a finding that holds a batch (a broken interval found late, a failing official test)
   * leaves it: held, unless its status is final, which then stays and the finding is only recorded.
   */
  public BatchStatus afterHoldingFinding() {
    return NEXT.get(this).isEmpty() ? this : HELD;
  }

  /** The status named {@code id}, or null. */
  public static BatchStatus of(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst().orElse(null);
  }

  /**
   * SQL: the status the event row {@code e} sets. Events stored before these statuses said
   * {@code active}: read as released where an inspector released the batch, else as harvested.
   */
  static String sql(String alias) {
    return "CASE WHEN " + alias + ".status <> 'active' THEN " + alias + ".status WHEN " + alias
        + ".reason LIKE 'released by an inspector:%' THEN 'released' ELSE 'harvested' END";
  }
}
