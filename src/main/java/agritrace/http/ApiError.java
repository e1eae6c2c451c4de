package agritrace.http;

/**
 * A request that cannot be served, with what the client needs to fix it: a status, a machine
 * code ({@code error}), the message for a person, and the field at fault. Handlers throw it or
 * fail their context with it; {@link Errors} renders it in the reader's language.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final transient Message message;
  private final String field;

  public ApiError(int status, String code, Message message, String field) {
    super(message.code(), null, false, false);
    this.status = status;
    this.code = code;
    this.message = message;
    this.field = field;
  }

  /** A 400 on one field; the message names the field as its {@code field} argument. */
  public static ApiError invalid(String field, String messageCode, Object... args) {
    return new ApiError(400, "invalid_field", withField(field, messageCode, args), field);
  }

  /** A 404: {@code thing} is a catalogue word such as {@code batch} (message {@code not_found.batch}). */
  public static ApiError notFound(String thing) {
    return new ApiError(404, "not_found", Message.of("not_found." + thing), null);
  }

  public static ApiError conflict(String field, String messageCode, Object... args) {
    return new ApiError(409, "conflict", field == null ? Message.of(messageCode, args)
        : withField(field, messageCode, args), field);
  }

  public static ApiError forbidden(String messageCode, Object... args) {
    return new ApiError(403, "forbidden", Message.of(messageCode, args), null);
  }

  private static Message withField(String field, String messageCode, Object... args) {
    Object[] all = new Object[args.length + 2];
    all[0] = "field";
    all[1] = field;
    System.arraycopy(args, 0, all, 2, args.length);
    return Message.of(messageCode, all);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Message message() {
    return message;
  }

  public String field() {
    return field;
  }
}
