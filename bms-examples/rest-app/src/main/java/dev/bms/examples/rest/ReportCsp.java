package dev.bms.examples.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of an HTML report. The app's own CSP allows only styles served from
 * the app, which would blank the report's inline style sheet; this one allows exactly the style
 * sheets of this page, by their SHA-256 hash, and nothing else at all: no scripts, images, fonts,
 * fetches, forms or framing, and the page is sandboxed (a unique origin, so it cannot use the
 * session's cookie even if something got injected). Inline SVG needs no source.
 */
final class ReportCsp {
  private static final Pattern STYLE = Pattern.compile("<style(?:\\s[^>]*)?>(.*?)</style>", Pattern.DOTALL);

  private ReportCsp() {
  }

  static String forPage(String html) {
    Set<String> hashes = new LinkedHashSet<>();
    Matcher m = STYLE.matcher(html);
    while (m.find()) {
      hashes.add("'sha256-" + sha256(m.group(1)) + "'");
    }
    return "default-src 'none'; style-src " + (hashes.isEmpty() ? "'none'" : String.join(" ", hashes))
        + "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
