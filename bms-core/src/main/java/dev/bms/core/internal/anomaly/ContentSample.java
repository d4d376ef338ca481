package dev.bms.core.internal.anomaly;

/**
 * Whether a sampled block of bytes looks encrypted: its byte histogram is as flat as random data's
 * (Pearson's chi-square against the uniform distribution, 255 degrees of freedom, below
 * about 390: random data exceeds it less than once in a million blocks). Text, program
 * code and most compressed formats (their headers, Huffman tables and markers) are far less flat.
 * The Shannon entropy of the same histogram is at least 7.8 bits per byte for any block that passes.
 */
final class ContentSample {
  /** Blocks shorter than this are not judged: too few bytes for a histogram. */
  static final int MIN_BYTES = 1024;
  static final double RANDOM_CHI_SQUARE = 255 + 6 * Math.sqrt(2 * 255.0);

  private ContentSample() {
  }

  /** Chi-square of the byte histogram of {@code data[off, off+len)} against uniform. */
  static double chiSquare(byte[] data, int off, int len) {
    int[] counts = new int[256];
    for (int i = off, end = off + len; i < end; i++) {
      counts[data[i] & 0xff]++;
    }
    double expected = len / 256.0;
    double chi = 0;
    for (int c : counts) {
      double d = c - expected;
      chi += d * d;
    }
    return chi / expected;
  }

  /** Shannon entropy in bits per byte of {@code data[off, off+len)} (for tests and explanations). */
  static double entropy(byte[] data, int off, int len) {
    int[] counts = new int[256];
    for (int i = off, end = off + len; i < end; i++) {
      counts[data[i] & 0xff]++;
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / len;
        h -= p * Math.log(p) / Math.log(2);
      }
    }
    return h;
  }

  static boolean looksEncrypted(byte[] data, int off, int len) {
    return len >= MIN_BYTES && chiSquare(data, off, len) <= RANDOM_CHI_SQUARE;
  }
}
