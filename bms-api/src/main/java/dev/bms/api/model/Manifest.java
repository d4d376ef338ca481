package dev.bms.api.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The list of files in one copy, with size and SHA-256 each, sorted by path. Its {@link #digest()}
 * identifies the content of the whole copy: two copies with the same digest hold the same files.
 *
 * @param entries the files, sorted by path
 * @since 0.1.0
 */
public record Manifest(List<ManifestEntry> entries) {
  public Manifest {
    entries = entries.stream().sorted(Comparator.comparing(ManifestEntry::path)).toList();
  }

  /** Total bytes of all files. */
  public long totalBytes() {
    long sum = 0;
    for (ManifestEntry e : entries) {
      sum += e.size();
    }
    return sum;
  }

  /**
   * SHA-256 (hex) over the canonical text form: one line {@code path \t size \t sha256 \n} per
   * entry, in path order. Stable across platforms and targets.
   */
  public String digest() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(toText().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The canonical text form (also the format targets may store the manifest in). */
  public String toText() {
    StringBuilder sb = new StringBuilder(entries.size() * 96);
    for (ManifestEntry e : entries) {
      sb.append(e.path()).append('\t').append(e.size()).append('\t').append(e.sha256()).append('\n');
    }
    return sb.toString();
  }

  /** Parses {@link #toText()}'s format. */
  public static Manifest parse(String text) {
    return new Manifest(text.lines().filter(l -> !l.isEmpty()).map(line -> {
      String[] parts = line.split("\t");
      if (parts.length != 3) {
        throw new IllegalArgumentException("malformed manifest line: '" + line + "'");
      }
      return new ManifestEntry(parts[0], Long.parseLong(parts[1]), parts[2]);
    }).toList());
  }
}
