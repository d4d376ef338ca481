package dev.bms.plugins.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bms.spi.notify.Notification;

/** The JSON shape a webhook receives. */
enum PayloadFormat {
  /** bms' own documented document: every field of the notification and its alerts. */
  GENERIC(new GenericPayload()),
  /** A Slack incoming-webhook message: {@code text} fallback plus Block Kit {@code blocks}. */
  SLACK(new SlackPayload()),
  /** A Microsoft Teams message carrying one Adaptive Card 1.4. */
  TEAMS(new TeamsPayload());

  private final PayloadRenderer renderer;

  PayloadFormat(PayloadRenderer renderer) {
    this.renderer = renderer;
  }

  ObjectNode render(Notification notification) {
    return renderer.render(notification);
  }
}
