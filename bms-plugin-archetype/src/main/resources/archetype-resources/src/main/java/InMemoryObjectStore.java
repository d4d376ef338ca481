package ${package};

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for your storage service, so the generated project builds and passes the kit as it
 * is: named buckets of committed copies, each copy a map of file paths to bytes, kept in memory
 * for the life of the JVM. Replace every call into it with your storage client's.
 */
public final class InMemoryObjectStore {
  private static final Map<String, InMemoryObjectStore> BUCKETS = new ConcurrentHashMap<>();

  private final Map<String, Map<String, byte[]>> copies = new ConcurrentHashMap<>();

  /** The bucket of this name (created on first use). */
  public static InMemoryObjectStore bucket(String name) {
    return BUCKETS.computeIfAbsent(name, k -> new InMemoryObjectStore());
  }

  /** Makes a whole copy visible in one step (the atomic commit). */
  public void publish(String copyId, Map<String, byte[]> files) {
    copies.put(copyId, Map.copyOf(files));
  }

  /** One file of a committed copy. */
  public Optional<byte[]> get(String copyId, String path) {
    return Optional.ofNullable(copies.getOrDefault(copyId, Map.of()).get(path));
  }

  /** The paths of a committed copy, sorted; empty when there is no such copy. */
  public List<String> list(String copyId) {
    return copies.getOrDefault(copyId, Map.of()).keySet().stream().sorted().toList();
  }

  /** Removes a copy; returns whether it existed. */
  public boolean delete(String copyId) {
    return copies.remove(copyId) != null;
  }

  /** Replaces one stored file (tests use it to damage a copy). */
  public void overwrite(String copyId, String path, byte[] content) {
    copies.computeIfPresent(copyId, (k, files) -> {
      Map<String, byte[]> changed = new ConcurrentHashMap<>(files);
      changed.put(path, content);
      return Map.copyOf(changed);
    });
  }

  /** Removes one stored file (tests use it to damage a copy). */
  public void remove(String copyId, String path) {
    copies.computeIfPresent(copyId, (k, files) -> {
      Map<String, byte[]> changed = new ConcurrentHashMap<>(files);
      changed.remove(path);
      return Map.copyOf(changed);
    });
  }
}
