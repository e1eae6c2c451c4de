package agritrace.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agritrace.TestServer;
import agritrace.http.Messages;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The operation types are the one source of their groups, for the Java code and the database alike. */
class OperationTypeTest {

  @Test
  @DisplayName("the migrations' partial indexes spell out exactly the groups OperationType has")
  void indexesMatchTheGroups() {
    Map<String, String> predicates = Map.of(
        "operations_cycle_starts", OperationType.sql(OperationType.Group.CYCLE_START),
        "operations_applications", OperationType.sql(OperationType.Group.APPLICATION),
        "operations_input_applications", OperationType.sql(OperationType.Group.APPLICATION),
        "operations_harvests", "'" + OperationType.HARVEST.id() + "'");
    predicates.forEach((index, list) -> {
      String where = TestServer.get().sql("SELECT pg_get_expr(i.indpred, i.indrelid) AS p FROM pg_index i"
          + " JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1", index).iterator().next().getString("p");
      String listed = String.join(", ", java.util.regex.Pattern.compile("'([a-z_]+)'::text").matcher(where).results()
          .map(m -> "'" + m.group(1) + "'").toList());
      assertEquals(list.replace("(", "").replace(")", ""), listed, index + ": " + where);
    });
  }

  @Test
  @DisplayName("every operation type, input kind and batch status has a name for people in both languages")
  void namesInTheCatalogue() {
    for (Messages.Language language : Messages.Language.values()) {
      JsonObject catalogue = Messages.catalogue(language);
      for (OperationType type : OperationType.values()) {
        assertTrue(catalogue.containsKey("operation." + type.id()), type + " in " + language);
        type.inputKinds().forEach(kind -> assertTrue(catalogue.containsKey("input_kind." + kind), kind + " in " + language));
      }
      Records.INPUT_KINDS.forEach(kind -> assertTrue(catalogue.containsKey("input_kind." + kind), kind + " in " + language));
      for (BatchStatus status : BatchStatus.values()) {
        assertTrue(catalogue.containsKey("status." + status.id()), status + " in " + language);
      }
      for (RecordType type : RecordType.values()) {
        assertTrue(catalogue.containsKey("record." + type.id()), type + " in " + language);
      }
    }
  }
}
