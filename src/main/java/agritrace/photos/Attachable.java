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
 * @param uploaders the roles of the record's producer that may attach photos (never inspectors:
 *     they attach through {@code inspected}); empty when only inspectors attach
 * @param owner finds the producer of a record by its id, or null when there is none
 * @param inspected for records an inspector makes (an official test, an inspection), finds the
 *     producer of one an inspector made, null when there is none, and fails with the refusal for
 *     one that is the producer's own: inspectors attach photos to those only. Null when
 *     inspectors attach none.
 * @param items when a photo may name the item of its record it shows (an inspection's checklist
 *     item), whether a record has that item; null when photos of this kind name none
 */
public record Attachable(String kind, String segment, Set<Role> uploaders, Access.Owner owner,
    Access.Owner inspected, Items items) {

  public Attachable {
    if (!kind.matches("[a-z]+") || uploaders.contains(Role.INSPECTOR) || uploaders.isEmpty() && inspected == null) {
      throw new IllegalArgumentException("a kind is a lower-case word with at least one uploader; inspectors"
          + " attach through inspected: " + kind);
    }
  }

  /** A kind of record only its producer's users attach photos to, whose photos name no item. */
  public Attachable(String kind, String segment, Set<Role> uploaders, Access.Owner owner) {
    this(kind, segment, uploaders, owner, null, null);
  }

  /** Whether a record has an item of this id. */
  @FunctionalInterface
  public interface Items {
    Future<Boolean> has(UUID recordId, String item);
  }
}
