package dev.bms.examples.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;

/** Reads JSON request bodies, turning every format problem into a 400 that names the field. */
final class RequestBodies {
  private RequestBodies() {
  }

  static <T> T read(Context ctx, Class<T> type) {
    String contentType = ctx.contentType();
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "unsupported_media_type", "the body must be application/json");
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw new ApiException(400, "invalid_request", "the request needs a JSON body");
    }
    try {
      T value = Json.MAPPER.readValue(body, type);
      if (value == null) {
        throw new ApiException(400, "invalid_request", "the body must be a JSON object");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw field(path(e), "unknown field");
    } catch (MismatchedInputException e) {
      throw field(path(e), "has the wrong type" + (e.getTargetType() == null ? "" : "; expected " + describe(e.getTargetType())));
    } catch (JsonMappingException e) {
      throw field(path(e), "is not acceptable");
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "malformed_json", "the body is not valid JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw new ApiException(400, "invalid_request", "the body could not be read");
    }
  }

  private static ApiException field(String field, String message) {
    return new ApiException(400, "invalid_request", (field.isEmpty() ? "body" : field) + ": " + message,
        List.of(new FieldError(field, message)));
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String describe(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }
}
