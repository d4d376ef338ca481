package dev.bms.core.internal.anomaly;

import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Measures a managed run's ransomware signals while its data path reads and hashes the source: one
 * block of {@value #BLOCK} bytes in every {@value #EVERY} is sampled for encrypted-looking content
 * (a byte histogram, see {@link ContentSample}), and each file's hash is compared with the previous
 * restore point's. One instance per run, used by the reading thread only.
 */
public class DataPathProbe {
  static final int BLOCK = 4096;
  /** One block in this many is sampled: 1/16 of the bytes go through a histogram. */
  static final int EVERY = 16;

  /** A probe that measures nothing (no previous restore point to compare with, or detection off). */
  public static final DataPathProbe NONE = new DataPathProbe() {
    @Override
    public void onBytes(byte[] data, int length) {
    }

    @Override
    public void onFileDone(String path, String sha256) {
    }
  };

  private final Map<String, String> previous;
  private long untilSample;
  private long fileSampled;
  private long fileRandom;
  private long unchanged;
  private long sampledBlocks;
  private long sampledChanged;
  private long randomChanged;

  private DataPathProbe() {
    this.previous = Map.of();
  }

  DataPathProbe(Manifest previousPoint) {
    this.previous = new HashMap<>(previousPoint.entries().size() * 2);
    for (ManifestEntry e : previousPoint.entries()) {
      previous.put(e.path(), e.sha256());
    }
  }

  /** A probe comparing a run with the restore point whose manifest is {@code previousPoint} (benchmarks, tools). */
  public static DataPathProbe comparingWith(Manifest previousPoint) {
    return new DataPathProbe(previousPoint);
  }

  /** Bytes of the current file just read ({@code data[0, length)}). */
  public void onBytes(byte[] data, int length) {
    int off = 0;
    while (length - off > untilSample) {
      off += (int) untilSample;
      int len = Math.min(BLOCK, length - off);
      if (len >= ContentSample.MIN_BYTES) {
        fileSampled++;
        if (ContentSample.looksEncrypted(data, off, len)) {
          fileRandom++;
        }
      }
      off += len;
      untilSample = (long) BLOCK * EVERY - len;
    }
    untilSample -= length - off;
  }

  /** The current file was read to its end and hashed. */
  public void onFileDone(String path, String sha256) {
    boolean same = sha256.equals(previous.get(path));
    if (same) {
      unchanged++;
    } else {
      sampledChanged += fileSampled;
      randomChanged += fileRandom;
    }
    sampledBlocks += fileSampled;
    fileSampled = 0;
    fileRandom = 0;
  }

  /** The signals of the run whose manifest is {@code current}. */
  RunSignals finish(Manifest current) {
    return new RunSignals(previous.size(), previous.size() - unchanged, gainedExtensions(current), sampledBlocks,
        randomChanged, sampledChanged);
  }

  /**
   * New files whose name is a vanished file's name with an extension appended ({@code a.docx} →
   * {@code a.docx.locked}) or swapped ({@code a.docx} → {@code a.crypt}), where the new extension is
   * none the previous restore point had.
   */
  private long gainedExtensions(Manifest current) {
    Set<String> now = new HashSet<>(current.entries().size() * 2);
    for (ManifestEntry e : current.entries()) {
      now.add(e.path());
    }
    Set<String> knownExtensions = new HashSet<>();
    Set<String> vanished = new HashSet<>();
    Set<String> vanishedStems = new HashSet<>();
    for (String p : previous.keySet()) {
      knownExtensions.add(extension(p));
      if (!now.contains(p)) {
        vanished.add(p);
        vanishedStems.add(stem(p));
      }
    }
    if (vanished.isEmpty()) {
      return 0;
    }
    long gained = 0;
    for (ManifestEntry e : current.entries()) {
      String p = e.path();
      String ext = extension(p);
      if (ext.isEmpty() || previous.containsKey(p) || knownExtensions.contains(ext)) {
        continue;
      }
      String stem = stem(p);
      if (vanished.contains(stem) || vanishedStems.contains(stem)) {
        gained++;
      }
    }
    return gained;
  }

  /** The extension of the file name, lower case, without the dot; empty when there is none. */
  static String extension(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot > slash + 1 && dot < path.length() - 1 ? path.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : "";
  }

  /** The path without the file name's extension. */
  static String stem(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot > slash + 1 ? path.substring(0, dot) : path;
  }
}
