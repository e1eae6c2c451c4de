package agritrace.quality;

import agritrace.http.ApiError;
import agritrace.http.Message;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV files reference data is loaded from: UTF-8 (a byte-order mark is skipped), comma
 * separated, fields quoted with {@code "} when they hold a comma, a quote ({@code ""}) or a line
 * break; lines starting with {@code #} and blank lines are comments. The first other line names
 * the columns, exactly the expected ones, in any order. Every fault names its line (as an
 * editor counts them) and column, so a whole file is judged before anything of it is stored.
 */
final class Csv {

  private Csv() {
  }

  /** One data line: where it starts in the file, and its fields by column. */
  record Row(int line, List<String> columns, List<String> fields) {

    /** The field of a column, trimmed; empty when blank. */
    String get(String column) {
      return fields.get(columns.indexOf(column)).strip();
    }

    ApiError fault(String column, String why, Object... args) {
      return Csv.fault(line, column, Message.of(why, args));
    }
  }

  /** A 400 naming the line and column of the file and what is wrong there. */
  static ApiError fault(int line, String column, Message why) {
    return new ApiError(400, "invalid_csv",
        Message.of("reference.csv_fault", "line", line, "column", column, "why", why), null);
  }

  /** A 415 unless the request declares {@code text/csv} (in UTF-8, when it names a charset); runs before the body is read. */
  static void requireCsv(RoutingContext ctx) {
    String header = ctx.request().getHeader("Content-Type");
    String[] parts = header == null ? new String[] {""} : header.toLowerCase().split(";");
    boolean utf8 = true;
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].strip().replace("\"", "");
      if (param.startsWith("charset=") && !param.equals("charset=utf-8")) {
        utf8 = false;
      }
    }
    if (!parts[0].strip().equals("text/csv") || !utf8) {
      ctx.fail(new ApiError(415, "unsupported_media_type", Message.of("reference.csv_only"), null));
      return;
    }
    ctx.next();
  }

  /** The data rows of a file whose header names exactly {@code expected}; a fault is a 400. */
  static List<Row> read(Buffer body, List<String> expected) {
    if (body == null || body.length() == 0) {
      throw new ApiError(400, "invalid_csv", Message.of("reference.csv_empty"), null);
    }
    List<Row> lines = split(decode(body));
    if (lines.isEmpty()) {
      throw new ApiError(400, "invalid_csv", Message.of("reference.csv_empty"), null);
    }
    Row header = lines.get(0);
    List<String> columns = header.fields().stream().map(String::strip).toList();
    for (String column : columns) {
      if (!expected.contains(column) || columns.indexOf(column) != columns.lastIndexOf(column)) {
        throw fault(header.line(), column, Message.of("reference.csv_unknown_column", "expected", String.join(",", expected)));
      }
    }
    for (String column : expected) {
      if (!columns.contains(column)) {
        throw fault(header.line(), column, Message.of("reference.csv_missing_column"));
      }
    }
    if (lines.size() == 1) {
      throw fault(header.line(), columns.get(0), Message.of("reference.csv_no_rows"));
    }
    List<Row> rows = new ArrayList<>(lines.size() - 1);
    for (Row line : lines.subList(1, lines.size())) {
      if (line.fields().size() != columns.size()) {
        String column = line.fields().size() < columns.size() ? columns.get(line.fields().size()) : "(" + (columns.size() + 1) + ")";
        throw fault(line.line(), column, Message.of("reference.csv_field_count",
            "expected", columns.size(), "found", line.fields().size()));
      }
      rows.add(new Row(line.line(), columns, line.fields()));
    }
    return rows;
  }

  private static String decode(Buffer body) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body.getBytes())).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new ApiError(400, "invalid_csv", Message.of("reference.csv_not_utf8"), null);
    }
  }

  /** Every record of the text that is not a comment, with the line it starts on; its fields as written. */
  private static List<Row> split(String text) {
    List<Row> records = new ArrayList<>();
    int line = 1;
    int i = 0;
    while (i < text.length()) {
      int start = line;
      int end = text.indexOf('\n', i);
      String raw = text.substring(i, end < 0 ? text.length() : end);
      if (raw.isBlank() || raw.startsWith("#")) {
        i = end < 0 ? text.length() : end + 1;
        line++;
        continue;
      }
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      while (i < text.length()) {
        char c = text.charAt(i++);
        if (quoted) {
          if (c == '"' && i < text.length() && text.charAt(i) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            if (c == '\n') {
              line++;
            }
            field.append(c);
          }
        } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
          quoted = true;
          wasQuoted = true;
          field.setLength(0);
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
          wasQuoted = false;
        } else if (c == '\n') {
          break;
        } else if (c != '\r') {
          field.append(c);
        }
      }
      if (quoted) {
        throw fault(start, "(" + (fields.size() + 1) + ")", Message.of("reference.csv_open_quote"));
      }
      fields.add(field.toString());
      records.add(new Row(start, List.of(), List.copyOf(fields)));
      line++;
    }
    return records;
  }
}
