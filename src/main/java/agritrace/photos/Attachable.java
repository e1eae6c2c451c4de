package agritrace.photos;

import agritrace.http.Access;
import agritrace.http.Role;
import java.util.Set;

/**
 * A kind of record photos may be attached to, as the feature that owns the record registers it:
 * its photos are served at {@code /api/v1/{segment}/:recordId/photos/:photoId}.
 *
 * @param kind the record kind, a lower-case word such as {@code operation}: stored with each
 *     photo, named in answers as {@code {kind}Id}, and a catalogue word ({@code not_found.{kind}})
 * @param segment the path segment of the records, such as {@code operations}
 * @param uploaders the roles of the record's producer that may attach photos
 * @param owner finds the producer of a record by its id, or null when there is none
 * @param inspected for records an inspector may make (an official test), finds the producer of
 *     one an inspector made, null when there is none, and fails with the refusal for one that is
 *     the producer's own: inspectors attach photos to those only. Null when inspectors attach none.
 */
public record Attachable(String kind, String segment, Set<Role> uploaders, Access.Owner owner,
    Access.Owner inspected) {

  public Attachable {
    if (!kind.matches("[a-z]+") || uploaders.isEmpty() || uploaders.contains(Role.INSPECTOR)) {
      throw new IllegalArgumentException("a kind is a lower-case word with at least one producer's uploader role"
          + " (inspectors attach through inspected): " + kind);
    }
  }

  /** A kind of record only its producer's users attach photos to. */
  public Attachable(String kind, String segment, Set<Role> uploaders, Access.Owner owner) {
    this(kind, segment, uploaders, owner, null);
  }
}
