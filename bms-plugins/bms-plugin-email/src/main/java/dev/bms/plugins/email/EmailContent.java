package dev.bms.plugins.email;

import java.util.Objects;

/**
 * A rendered message.
 *
 * @param subject one line
 * @param text the plain-text body
 * @param html the HTML body, every value escaped
 */
record EmailContent(String subject, String text, String html) {
  EmailContent {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
  }
}
