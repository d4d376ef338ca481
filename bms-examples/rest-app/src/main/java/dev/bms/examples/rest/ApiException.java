package dev.bms.examples.rest;

import java.util.List;

/**
 * A request the app refuses with a given status and error code; turned into the JSON error body by
 * {@link ErrorResponses}. Its message is shown to the caller, so it never carries internals.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient List<FieldError> fields;

  ApiException(int status, String code, String message, List<FieldError> fields) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.fields = List.copyOf(fields);
  }

  ApiException(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  /** A 400 naming one field. */
  static ApiException badField(String field, String message) {
    return new ApiException(400, "invalid_request", field + ": " + message, List.of(new FieldError(field, message)));
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  List<FieldError> fields() {
    return fields;
  }
}
