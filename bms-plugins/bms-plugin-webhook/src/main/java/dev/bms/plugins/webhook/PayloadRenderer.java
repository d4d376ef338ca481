package dev.bms.plugins.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bms.spi.notify.Notification;

/** Renders a notification as one JSON document. */
interface PayloadRenderer {
  JsonNodeFactory JSON = JsonNodeFactory.instance;

  ObjectNode render(Notification notification);
}
