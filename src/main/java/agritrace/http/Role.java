package agritrace.http;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** What an account may do. Producer roles belong to one producer; the others to none. */
public enum Role {
  PLATFORM_ADMIN, PRODUCER_ADMIN, RECORDER, TESTER, INSPECTOR;

  public static final Set<String> NAMES = Arrays.stream(values()).map(Role::id).collect(Collectors.toUnmodifiableSet());
  public static final Set<String> PRODUCER_ROLES = Set.of(PRODUCER_ADMIN.id(), RECORDER.id(), TESTER.id());
  public static final Set<String> PLATFORM_ROLES = Set.of(PLATFORM_ADMIN.id(), INSPECTOR.id());

  /** The name used in the API and the database, e.g. {@code producer_admin}. */
  public String id() {
    return name().toLowerCase();
  }

  public static Role of(String id) {
    return valueOf(id.toUpperCase());
  }

  public boolean belongsToProducer() {
    return PRODUCER_ROLES.contains(id());
  }
}
