package dev.bms.examples.rest;

import dev.bms.api.report.ReportFormat;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks a report's format: {@code ?format=json|csv|html} when given (a bad value is a 400 naming
 * {@code format}), else the {@code Accept} header's best match by quality and specificity (RFC 9110
 * section 12.5.1), else JSON. An {@code Accept} that allows none of the three is a 406.
 */
final class ReportFormats {
  /** The formats with their media types, in the order preferred when the client has no preference. */
  private record Offer(ReportFormat format, String type, String subtype) {
  }

  private static final List<Offer> OFFERS = List.of(
      new Offer(ReportFormat.JSON, "application", "json"),
      new Offer(ReportFormat.HTML, "text", "html"),
      new Offer(ReportFormat.HTML, "application", "xhtml+xml"),
      new Offer(ReportFormat.CSV, "text", "csv"));

  private ReportFormats() {
  }

  static ReportFormat choose(Context ctx) {
    String text = ctx.queryParam("format");
    if (text != null && !text.isEmpty()) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "json" -> ReportFormat.JSON;
        case "csv" -> ReportFormat.CSV;
        case "html" -> ReportFormat.HTML;
        default -> throw ApiException.badField("format", "must be json, csv or html, was '" + Params.shorten(text) + "'");
      };
    }
    String accept = ctx.header("Accept");
    if (accept == null || accept.isBlank()) {
      return ReportFormat.JSON;
    }
    return negotiate(accept).orElseThrow(() -> new ApiException(406, "not_acceptable",
        "Accept: none of application/json, text/csv, text/html is acceptable; or ask with ?format=",
        List.of(new FieldError("Accept", "must allow application/json, text/csv or text/html"))));
  }

  /** The best format {@code accept} allows, if any. */
  static Optional<ReportFormat> negotiate(String accept) {
    Offer best = null;
    double bestQ = 0;
    for (Offer offer : OFFERS) {
      double q = quality(accept, offer);
      if (q > bestQ) {
        best = offer;
        bestQ = q;
      }
    }
    return Optional.ofNullable(best).map(Offer::format);
  }

  /** The quality of the most specific media range matching {@code offer}; 0 when none does. */
  private static double quality(String accept, Offer offer) {
    int bestSpecificity = -1;
    double q = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String[] type = parts[0].trim().toLowerCase(Locale.ROOT).split("/", 2);
      if (type.length != 2) {
        continue; // malformed range: ignored
      }
      int specificity;
      if (type[0].equals("*") && type[1].equals("*")) {
        specificity = 0;
      } else if (type[0].equals(offer.type()) && type[1].equals("*")) {
        specificity = 1;
      } else if (type[0].equals(offer.type()) && type[1].equals(offer.subtype())) {
        specificity = 2;
      } else {
        continue;
      }
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        q = qValue(parts);
      }
    }
    return q;
  }

  private static double qValue(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.length() > 2 && (p.startsWith("q=") || p.startsWith("Q="))) {
        try {
          double q = Double.parseDouble(p.substring(2));
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
