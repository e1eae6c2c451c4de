package agritrace.production;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kinds of farming operation, and the groups the rules speak of: the one source of both for
 * the Java code and the SQL ({@link #sql}). A migration's partial index must spell a group's
 * list out literally; {@code OperationTypeTest} checks those against this enum.
 */
public enum OperationType {
  SEEDING(Group.CYCLE_START),
  TRANSPLANTING(Group.CYCLE_START),
  FERTILIZING(Group.OTHER, "fertilizer", "other"),
  PESTICIDE_APPLICATION(Group.APPLICATION, "pesticide"),
  IRRIGATION(Group.OTHER),
  WEEDING(Group.OTHER),
  FEEDING(Group.OTHER, "feed", "other"),
  VET_TREATMENT(Group.APPLICATION, "vet_drug"),
  HARVEST(Group.HARVEST),
  OTHER(Group.OTHER);

  /** What the rules make of an operation. */
  public enum Group {
    /** Starts a plot's crop cycle. */
    CYCLE_START,
    /** A pesticide or veterinary drug, whose interval a harvest must wait out. */
    APPLICATION,
    /** Makes a batch. */
    HARVEST,
    OTHER
  }

  public static final Set<String> IDS = Arrays.stream(values()).map(OperationType::id).collect(Collectors.toUnmodifiableSet());
  private static final Map<String, OperationType> BY_ID =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(OperationType::id, Function.identity()));

  private final Group group;
  private final Set<String> inputKinds;

  OperationType(Group group, String... inputKinds) {
    this.group = group;
    this.inputKinds = Set.of(inputKinds);
  }

  /** The name in the API and the database, e.g. {@code pesticide_application}. */
  public String id() {
    return name().toLowerCase();
  }

  public Group group() {
    return group;
  }

  /** The input kinds this operation uses; empty when it uses none. */
  public Set<String> inputKinds() {
    return inputKinds;
  }

  public boolean usesInput() {
    return !inputKinds.isEmpty();
  }

  /** The type named {@code id}, or null. */
  public static OperationType of(String id) {
    return BY_ID.get(id);
  }

  /** SQL: the group's type names as a list for {@code type IN ...}, in declaration order. */
  public static String sql(Group group) {
    return Arrays.stream(values()).filter(t -> t.group == group).map(t -> "'" + t.id() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
