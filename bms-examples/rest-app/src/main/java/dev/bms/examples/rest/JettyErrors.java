package dev.bms.examples.rest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches Javalin (a malformed URI, an oversized
 * header): the same JSON body and security headers as every other response, never Jetty's HTML
 * page or a stack trace.
 */
final class JettyErrors extends ErrorHandler {
  private static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", SecurityHeaders.CSP,
      "Strict-Transport-Security", SecurityHeaders.HSTS,
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "strict-origin-when-cross-origin",
      "Permissions-Policy", SecurityHeaders.PERMISSIONS,
      "Cache-Control", "no-store");

  JettyErrors() {
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                  Callback callback) {
    HttpFields.Mutable headers = response.getHeaders();
    HEADERS.forEach(headers::put);
    headers.put("Content-Type", Json.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(body(code)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    HEADERS.forEach(fields::put);
    fields.put("Content-Type", Json.CONTENT_TYPE);
    return ByteBuffer.wrap(body(status));
  }

  private static byte[] body(int status) {
    String reason = HttpStatus.getMessage(status);
    String code = status == 400 ? "bad_request" : reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return ("{\"error\":{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"" + reason
        + " (rejected by the HTTP server)\"}}").getBytes(StandardCharsets.UTF_8);
  }
}
