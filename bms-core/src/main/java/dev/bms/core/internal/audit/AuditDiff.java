package dev.bms.core.internal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bms.spi.Secret;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The before/after diff of an audit record: both states flattened to {@code path -> value}
 * ({@code definition.copies[0].config.bucket}), and the paths whose values differ written as the
 * JSON object {@code {"path":{"from":..,"to":..}}}, sorted by path. A path absent on one side has
 * no {@code from} (or {@code to}).
 *
 * <p><b>Secrets are redacted</b>: the value of a map key or record component that names a secret (password, secret,
 * token, credential, access key, API key, private key, passphrase) and every {@link Secret} are
 * shown as {@code "***"}; a change of such a value still shows as a change ({@code "***"} to
 * {@code "***"}), never the value. Collections longer than {@value #MAX_ITEMS} items keep their
 * first items and their size; a diff larger than {@value #MAX_CHARS} characters keeps its first
 * paths and says how many were left out.
 */
final class AuditDiff {
  static final int MAX_ITEMS = 100;
  static final int MAX_CHARS = 64 * 1024;
  static final String REDACTED = "***";

  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?i).*(password|passwd|passphrase|secret|token|credential|accesskey|access_key|access-key|apikey|api_key"
          + "|api-key|privatekey|private_key|private-key).*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditDiff() {
  }

  /** A redacted value: shown as {@code ***}, compared by a digest of the real value. */
  private record Redacted(int digest) {
  }

  /** The diff of {@code before} and {@code after} (either may be null: nothing there). */
  static String diff(Object before, Object after) {
    Map<String, Object> from = flatten(before);
    Map<String, Object> to = flatten(after);
    TreeSet<String> paths = new TreeSet<>(from.keySet());
    paths.addAll(to.keySet());
    Map<String, Object> out = new LinkedHashMap<>();
    int chars = 2;
    int omitted = 0;
    for (String path : paths) {
      boolean inFrom = from.containsKey(path);
      boolean inTo = to.containsKey(path);
      Object a = from.get(path);
      Object b = to.get(path);
      if (inFrom && inTo && Objects.equals(a, b)) {
        continue;
      }
      Map<String, Object> change = new LinkedHashMap<>();
      if (inFrom) {
        change.put("from", shown(a));
      }
      if (inTo) {
        change.put("to", shown(b));
      }
      int size = path.length() + String.valueOf(change).length() + 8;
      if (chars + size > MAX_CHARS) {
        omitted++;
        continue;
      }
      chars += size;
      out.put(path, change);
    }
    if (omitted > 0) {
      out.put("_omitted", Map.of("paths", omitted));
    }
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an audit diff", e);
    }
  }

  private static Object shown(Object value) {
    return value instanceof Redacted ? REDACTED : value;
  }

  /** {@code value} as {@code path -> scalar}; the root of a scalar is the path {@code value}. */
  static Map<String, Object> flatten(Object value) {
    Map<String, Object> out = new TreeMap<>();
    if (value != null) {
      flatten("", value, out, 0);
    }
    return out;
  }

  private static void flatten(String path, Object value, Map<String, Object> out, int depth) {
    String here = path.isEmpty() ? "value" : path;
    if (depth > 12) {
      out.put(here, String.valueOf(value));
      return;
    }
    if (value == null) {
      out.put(here, null);
    } else if (value instanceof Secret) {
      out.put(here, new Redacted(0));
    } else if (value instanceof Optional<?> o) {
      if (o.isPresent()) {
        flatten(path, o.get(), out, depth + 1);
      } else {
        out.put(here, null);
      }
    } else if (value instanceof String || value instanceof Boolean) {
      out.put(here, value);
    } else if (value instanceof Number n) {
      if (n instanceof Double || n instanceof Float) {
        out.put(here, (Object) n.doubleValue()); // no ternary: it would widen every long to a double
      } else {
        out.put(here, (Object) n.longValue());
      }
    } else if (value instanceof Enum<?> e) {
      out.put(here, e.name());
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.put(here, "{}");
      }
      TreeMap<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        String child = prefix(path) + e.getKey();
        if (SECRET_KEY.matcher(e.getKey()).matches() && e.getValue() != null) {
          out.put(child, new Redacted(Objects.hashCode(e.getValue())));
        } else {
          flatten(child, e.getValue(), out, depth + 1);
        }
      }
    } else if (value instanceof Collection<?> items) {
      if (items.isEmpty()) {
        out.put(here, "[]");
      }
      int i = 0;
      for (Object item : items) {
        if (i == MAX_ITEMS) {
          out.put(here + ".size", (long) items.size());
          break;
        }
        flatten(here + "[" + i + "]", item, out, depth + 1);
        i++;
      }
    } else if (value instanceof Record r) {
      RecordComponent[] components = r.getClass().getRecordComponents();
      if (components.length == 1 && components[0].getName().equals("value")) {
        // ids: JobId(UUID value) and the like read as their value
        flatten(path, read(components[0], r), out, depth + 1);
        return;
      }
      for (RecordComponent c : components) {
        Object v = read(c, r);
        if (SECRET_KEY.matcher(c.getName()).matches() && v != null) {
          out.put(prefix(path) + c.getName(), new Redacted(Objects.hashCode(v))); // e.g. a report token
        } else {
          flatten(prefix(path) + c.getName(), v, out, depth + 1);
        }
      }
    } else {
      out.put(here, value.toString());
    }
  }

  private static String prefix(String path) {
    return path.isEmpty() ? "" : path + ".";
  }

  private static Object read(RecordComponent c, Record r) {
    try {
      Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(r);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "<unreadable: " + e.getClass().getSimpleName() + ">";
    }
  }
}
