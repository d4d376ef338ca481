/**
 * Sample notifications for {@link dev.bms.spi.notify.Notifier} tests:
 * {@link dev.bms.testkit.notify.SampleNotifications}.
 */
package dev.bms.testkit.notify;
