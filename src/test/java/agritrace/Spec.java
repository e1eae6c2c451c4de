package agritrace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * mobile-api/openapi.yaml as the tests read it: the one place that walks its paths, operations,
 * parameters and schemas ($ref and allOf followed), for the tests generated from it.
 */
public final class Spec {

  public static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private final Map<String, Object> root;

  private Spec(Map<String, Object> root) {
    this.root = root;
  }

  public static Spec load() throws Exception {
    return new Spec(new Yaml().load(Files.readString(Path.of("mobile-api/openapi.yaml"))));
  }

  public Map<String, Object> root() {
    return root;
  }

  /** One operation: its verb, its path as the spec writes it, and what the spec says of it. */
  public record Operation(String verb, String path, Map<String, Object> definition, List<Map<String, Object>> parameters) {

    /** Public operations ({@code security: []}) need no login. */
    public boolean isPublic() {
      return definition.get("security") instanceof List<?> security && security.isEmpty();
    }

    public boolean hasPathParameters() {
      return path.contains("{");
    }

    public String name() {
      return verb.toUpperCase() + " " + path;
    }

    /** The parameters that are {@code in} the given place (path, query, header). */
    public List<Map<String, Object>> parameters(String in) {
      return parameters.stream().filter(p -> in.equals(p.get("in"))).toList();
    }
  }

  /** Each path of the spec, with its operations by verb (and its other keys, such as parameters). */
  @SuppressWarnings("unchecked")
  public Map<String, Map<String, Object>> paths() {
    return (Map<String, Map<String, Object>>) root.get("paths");
  }

  /** Every operation, in the spec's order, with its path's and its own parameters resolved. */
  public List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    paths().forEach((path, item) -> item.forEach((verb, definition) -> {
      if (!VERBS.contains(verb)) {
        return;
      }
      Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
      for (Object list : new Object[] {item.get("parameters"), map(definition).get("parameters")}) {
        if (list instanceof List<?> entries) {
          entries.forEach(p -> {
            Map<String, Object> parameter = resolve(p);
            parameters.put(parameter.get("in") + " " + parameter.get("name"), parameter);
          });
        }
      }
      operations.add(new Operation(verb, path, map(definition), List.copyOf(parameters.values())));
    }));
    return operations;
  }

  /** The request body's schema for each content type, resolved; empty when the operation takes no body. */
  public Map<String, Map<String, Object>> bodies(Operation operation) {
    Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
    Object body = operation.definition().get("requestBody");
    if (body == null) {
      return bodies;
    }
    Object content = resolve(body).get("content");
    if (content instanceof Map<?, ?> types) {
      types.forEach((type, media) -> bodies.put((String) type, schema(map(media).get("schema"))));
    }
    return bodies;
  }

  /** The request body's first example for a content type, or null when the spec gives none. */
  public Object example(Operation operation, String contentType) {
    Object body = operation.definition().get("requestBody");
    if (body == null || !(resolve(body).get("content") instanceof Map<?, ?> types)
        || !(types.get(contentType) instanceof Map<?, ?> media)) {
      return null;
    }
    if (media.get("example") != null) {
      return media.get("example");
    }
    if (media.get("examples") instanceof Map<?, ?> examples && !examples.isEmpty()) {
      return resolve(examples.values().iterator().next()).get("value");
    }
    return null;
  }

  /** A schema with its $ref followed and its allOf parts merged (properties and required). */
  public Map<String, Object> schema(Object schema) {
    Map<String, Object> resolved = new LinkedHashMap<>(resolve(schema));
    if (resolved.get("allOf") instanceof List<?> parts) {
      Map<String, Object> properties = new LinkedHashMap<>();
      Set<Object> required = new LinkedHashSet<>();
      for (Object part : parts) {
        Map<String, Object> merged = schema(part);
        properties.putAll(properties(merged));
        required.addAll(required(merged));
        merged.forEach(resolved::putIfAbsent);
      }
      properties.putAll(properties(resolved));
      required.addAll(required(resolved));
      resolved.put("properties", properties);
      resolved.put("required", new ArrayList<>(required));
      resolved.remove("allOf");
    }
    return resolved;
  }

  /** A schema's properties, each resolved. */
  public Map<String, Map<String, Object>> propertiesOf(Map<String, Object> schema) {
    Map<String, Map<String, Object>> resolved = new LinkedHashMap<>();
    properties(schema).forEach((name, property) -> resolved.put(name, schema(property)));
    return resolved;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> schema) {
    return schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
  }

  public static List<?> required(Map<String, Object> schema) {
    return schema.get("required") instanceof List<?> r ? r : List.of();
  }

  /** An object of the spec, with a {@code $ref} (to this document) followed. */
  public Map<String, Object> resolve(Object node) {
    Map<String, Object> object = map(node);
    while (object.get("$ref") instanceof String ref) {
      Object target = root;
      for (String part : ref.substring(2).split("/")) {
        target = map(target).get(part);
      }
      object = map(target);
    }
    return object;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
