package dev.bms.core.internal.anomaly;

import java.util.Arrays;

/**
 * The most recent values of one metric, at most {@code capacity}, oldest first; their median and
 * MAD are the robust baseline (a few outliers in the window move neither).
 */
final class Window {
  /** MAD × this estimates the standard deviation of normally distributed values. */
  static final double MAD_TO_SIGMA = 1.4826;

  private final int capacity;
  private double[] values;
  private int size;

  Window(int capacity) {
    this.capacity = capacity;
    this.values = new double[capacity];
  }

  void add(double v) {
    v = (float) v; // what the stored form keeps, so a baseline judges the same before and after storing
    if (size == capacity) {
      System.arraycopy(values, 1, values, 0, capacity - 1);
      size--;
    }
    values[size++] = v;
  }

  int size() {
    return size;
  }

  double median() {
    return quantile(sorted(), 0.5);
  }

  /** Median absolute deviation. */
  double mad() {
    double m = median();
    double[] dev = new double[size];
    for (int i = 0; i < size; i++) {
      dev[i] = Math.abs(values[i] - m);
    }
    Arrays.sort(dev);
    return quantile(dev, 0.5);
  }

  /** Adds this window's absolute deviations from its own median to {@code out}; returns how many. */
  int deviations(double[] out, int at) {
    double m = median();
    for (int i = 0; i < size; i++) {
      out[at + i] = Math.abs(values[i] - m);
    }
    return size;
  }

  /** The median of {@code values[0, n)} (sorts them). */
  static double median(double[] values, int n) {
    double[] s = Arrays.copyOf(values, n);
    Arrays.sort(s);
    return quantile(s, 0.5);
  }

  /** The {@code q}-quantile (linear interpolation), e.g. 0.1 for the 10th percentile. */
  double quantile(double q) {
    return quantile(sorted(), q);
  }

  /** The values, oldest first (a copy). */
  double[] values() {
    return Arrays.copyOf(values, size);
  }

  double last() {
    return values[size - 1];
  }

  private double[] sorted() {
    double[] s = Arrays.copyOf(values, size);
    Arrays.sort(s);
    return s;
  }

  private static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  /** Comma-separated values, oldest first, kept to float precision (7 significant digits). */
  String encode() {
    StringBuilder sb = new StringBuilder(size * 11);
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append((float) values[i]);
    }
    return sb.toString();
  }

  static Window decode(String text, int capacity) {
    Window w = new Window(capacity);
    if (!text.isEmpty()) {
      for (String v : text.split(",")) {
        w.add(Float.parseFloat(v));
      }
    }
    return w;
  }
}
