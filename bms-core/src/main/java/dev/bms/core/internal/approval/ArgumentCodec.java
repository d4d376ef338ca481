package dev.bms.core.internal.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The arguments of a service call as a JSON array, and back, driven by the method's generic
 * parameter types: records become objects of their components (a record implementing a sealed
 * interface also names itself in {@code "@kind"}), optionals their value or null, maps objects
 * with sorted keys, collections arrays, enums their names, and times, durations, zones, UUIDs and
 * paths their ISO/text forms. Reading calls each record's canonical constructor, so a stored value
 * is validated again exactly like a new one.
 */
final class ArgumentCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String KIND = "@kind";

  private ArgumentCodec() {
  }

  /**
   * The arguments as a JSON array.
   *
   * @throws IllegalArgumentException when an argument has a type this codec cannot write
   */
  static String encode(Object[] args) {
    ArrayNode array = NODES.arrayNode();
    for (Object a : args == null ? new Object[0] : args) {
      array.add(write(a));
    }
    try {
      return MAPPER.writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the call's arguments as JSON", e);
    }
  }

  /**
   * The arguments of {@code method}, read from {@link #encode}'s JSON.
   *
   * @throws IllegalArgumentException when the text does not hold such arguments
   */
  static Object[] decode(Method method, String json) {
    JsonNode array;
    try {
      array = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored arguments are not JSON", e);
    }
    Type[] types = method.getGenericParameterTypes();
    if (!array.isArray() || array.size() != types.length) {
      throw new IllegalArgumentException("stored arguments are not " + types.length + " values for " + method.getName());
    }
    Object[] out = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      out[i] = read(array.get(i), types[i]);
    }
    return out;
  }

  private static JsonNode write(Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof String s) {
      return NODES.textNode(s);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return NODES.numberNode(((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      return NODES.numberNode(((Number) v).doubleValue());
    }
    if (v instanceof Enum<?> e) {
      return NODES.textNode(e.name());
    }
    if (v instanceof Instant || v instanceof Duration || v instanceof ZoneId || v instanceof UUID
        || v instanceof LocalDate || v instanceof Path) {
      return NODES.textNode(v.toString());
    }
    if (v instanceof Optional<?> o) {
      return o.isPresent() ? write(o.get()) : NODES.nullNode();
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode node = NODES.objectNode();
      new TreeMap<>(stringKeys(m)).forEach((k, value) -> node.set(k, write(value)));
      return node;
    }
    if (v instanceof Collection<?> c) {
      ArrayNode node = NODES.arrayNode();
      c.forEach(item -> node.add(write(item)));
      return node;
    }
    if (v instanceof Record r) {
      ObjectNode node = NODES.objectNode();
      if (sealedParent(r.getClass()) != null) {
        node.put(KIND, r.getClass().getSimpleName());
      }
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          node.set(c.getName(), write(c.getAccessor().invoke(r)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalArgumentException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
        }
      }
      return node;
    }
    throw new IllegalArgumentException("cannot store an argument of type " + v.getClass().getName());
  }

  private static Map<String, Object> stringKeys(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, value) -> out.put(String.valueOf(k), value));
    return out;
  }

  private static Class<?> sealedParent(Class<?> type) {
    for (Class<?> i : type.getInterfaces()) {
      if (i.isSealed()) {
        return i;
      }
    }
    return null;
  }

  private static Object read(JsonNode node, Type type) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == Optional.class) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(read(node, args[0]));
      }
      if (node == null || node.isNull()) {
        return null;
      }
      if (Map.class.isAssignableFrom(raw)) {
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> f = fields.next();
          out.put(f.getKey(), read(f.getValue(), args[1]));
        }
        return out;
      }
      if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw) || raw == Collection.class) {
        List<Object> items = new ArrayList<>();
        node.forEach(item -> items.add(read(item, args[0])));
        return Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>(items) : items;
      }
      throw new IllegalArgumentException("cannot read a value of type " + type);
    }
    Class<?> c = (Class<?>) type;
    if (node == null || node.isNull()) {
      return null;
    }
    if (c == String.class) {
      return node.asText();
    }
    if (c == boolean.class || c == Boolean.class) {
      return node.asBoolean();
    }
    if (c == int.class || c == Integer.class) {
      return node.asInt();
    }
    if (c == long.class || c == Long.class) {
      return node.asLong();
    }
    if (c == double.class || c == Double.class) {
      return node.asDouble();
    }
    if (c.isEnum()) {
      return enumValue(c, node.asText());
    }
    if (c == Instant.class) {
      return Instant.parse(node.asText());
    }
    if (c == Duration.class) {
      return Duration.parse(node.asText());
    }
    if (c == ZoneId.class) {
      return ZoneId.of(node.asText());
    }
    if (c == UUID.class) {
      return UUID.fromString(node.asText());
    }
    if (c == LocalDate.class) {
      return LocalDate.parse(node.asText());
    }
    if (c == Path.class) {
      return Path.of(node.asText());
    }
    if (c.isSealed() && c.isInterface()) {
      String kind = node.path(KIND).asText();
      for (Class<?> sub : c.getPermittedSubclasses()) {
        if (sub.getSimpleName().equals(kind)) {
          return read(node, sub);
        }
      }
      throw new IllegalArgumentException("no " + c.getSimpleName() + " of kind '" + kind + "'");
    }
    if (c.isRecord()) {
      RecordComponent[] components = c.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = read(node.get(components[i].getName()), components[i].getGenericType());
      }
      try {
        Constructor<?> canonical = c.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return canonical.newInstance(values);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalArgumentException("cannot create " + c.getSimpleName(), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("cannot create " + c.getSimpleName(), e);
      }
    }
    throw new IllegalArgumentException("cannot read a value of type " + c.getName());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> c, String name) {
    return Enum.valueOf((Class<? extends Enum>) c, name);
  }
}
