package agritrace.photos;

import agritrace.http.Access;
import agritrace.http.Role;
import io.vertx.core.Future;
import java.util.Set;
import java.util.UUID;

/**
 * A kind of record photos may be attached to, as the feature that owns the record registers it:
 * its photos are served at {@code /api/v1/{segment}/:recordId/photos/:photoId}.
 *
 * @param kind the record kind, a lower-case word such as {@code operation}: stored with each
 *     photo, named in answers as {@code {kind}Id}, and a catalogue word ({@code not_found.{kind}})
 * @param segment the path segment of the records, such as {@code operations}
 * @param uploaders the roles that may attach photos
 * @param right what an uploader needs on the record's producer: {@link Access.Right#RECORD} (its own
 *     users) for a producer's records, {@link Access.Right#READ} for an inspector's
 * @param owner finds the producer of a record by its id, or null when there is none
 * @param items when a photo may name the item of its record it shows (an inspection's checklist
 *     item), whether a record has that item; null when photos of this kind name none
 */
public record Attachable(String kind, String segment, Set<Role> uploaders, Access.Right right, Access.Owner owner,
    Items items) {

  public Attachable {
    if (!kind.matches("[a-z]+") || uploaders.isEmpty()) {
      throw new IllegalArgumentException("a kind is a lower-case word with at least one uploader role: " + kind);
    }
  }

  /** A kind of a producer's own records, attached to by its users, whose photos name no item. */
  public Attachable(String kind, String segment, Set<Role> uploaders, Access.Owner owner) {
    this(kind, segment, uploaders, Access.Right.RECORD, owner, null);
  }

  /** Whether a record has an item of this id. */
  @FunctionalInterface
  public interface Items {
    Future<Boolean> has(UUID recordId, String item);
  }
}
