package dev.bms.spi.notify;

/**
 * Delivers notifications to one channel (an SMTP server, a webhook URL...). bms calls
 * {@link #send} from a dedicated thread per notifier with a timeout, so a slow or hanging channel
 * never blocks backups or other notifiers; a notifier may retry inside {@code send} (with backoff)
 * but must honour thread interruption.
 *
 * @since 0.1.0
 */
public interface Notifier extends AutoCloseable {

  /**
   * Delivers one notification.
   *
   * @throws DeliveryException when it could not be delivered (after the notifier's own retries)
   */
  void send(Notification notification);

  /** Releases connections and threads. The default does nothing. */
  @Override
  default void close() {
  }
}
