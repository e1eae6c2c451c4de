package agritrace.labels;

/**
 * Input that is not a valid label identifier (a GTIN, a Digital Link path, a unit code), with a
 * message code such as {@code gtin.check_digit} and the field at fault, for a 400 answer or page
 * whose texts come from the catalogue.
 */
public final class ParseFailure extends IllegalArgumentException {

  private final String code;
  private final String field;

  public ParseFailure(String code, String field) {
    super(code + " (" + field + ")", null);
    this.code = code;
    this.field = field;
  }

  /** The message code, e.g. {@code gtin.check_digit} or {@code digital_link.qualifier_order}. */
  public String code() {
    return code;
  }

  /** What was at fault: {@code gtin}, {@code lot}, {@code serial}, {@code cpv}, {@code path} or {@code code}. */
  public String field() {
    return field;
  }
}
