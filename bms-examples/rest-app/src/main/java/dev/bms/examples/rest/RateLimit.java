package dev.bms.examples.rest;

/**
 * Token-bucket settings applied per client: a client may burst {@code capacity} requests, then
 * {@code refillPerSecond} per second.
 *
 * @param capacity bucket size, at least 1
 * @param refillPerSecond tokens added per second, positive
 */
public record RateLimit(long capacity, double refillPerSecond) {
  public RateLimit {
    if (capacity < 1) {
      throw new IllegalArgumentException("rate limit capacity must be at least 1: " + capacity);
    }
    if (!(refillPerSecond > 0) || Double.isInfinite(refillPerSecond)) {
      throw new IllegalArgumentException("rate limit refill must be a positive number per second: " + refillPerSecond);
    }
  }

  /** Parses {@code capacity/refillPerSecond}, e.g. {@code 100/50}. */
  public static RateLimit parse(String text) {
    String[] parts = text.trim().split("/", 2);
    try {
      return new RateLimit(Long.parseLong(parts[0].trim()),
          parts.length == 2 ? Double.parseDouble(parts[1].trim()) : Long.parseLong(parts[0].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("rate limit '" + text + "' must be capacity/refillPerSecond, e.g. 100/50");
    }
  }
}
