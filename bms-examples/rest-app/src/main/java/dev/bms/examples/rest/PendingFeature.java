package dev.bms.examples.rest;

import io.javalin.http.Context;

/**
 * Answers endpoints whose bms service this build of bms does not have yet with 501 and the name of
 * the missing service, rather than inventing data.
 */
final class PendingFeature {
  private final String service;

  PendingFeature(String service) {
    this.service = service;
  }

  void handle(Context ctx) {
    throw new ApiException(501, "not_available", "this bms build has no " + service + " yet");
  }
}
