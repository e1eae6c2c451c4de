package agritrace.http;

import java.util.UUID;

/** The authenticated user behind a request. {@code producerId} is null for platform roles. */
public record Caller(UUID id, String username, Role role, UUID producerId) {

  /** Inspectors and platform admins read every producer; a producer's users read only their own. */
  public boolean canRead(UUID producer) {
    return readsEveryProducer() || producer.equals(producerId);
  }

  /** Inspectors and platform admins: the platform roles, who read every producer's data. */
  public boolean readsEveryProducer() {
    return role == Role.PLATFORM_ADMIN || role == Role.INSPECTOR;
  }

  /** Platform admins and the producer's own admin manage its accounts, people and rules. */
  public boolean canManage(UUID producer) {
    return role == Role.PLATFORM_ADMIN || (role == Role.PRODUCER_ADMIN && producer.equals(producerId));
  }
}
