/**
 * The alert engine: rules turn bms events into raise/clear conditions ({@link
 * dev.bms.core.internal.alert.AlertRules}), the engine deduplicates them by fingerprint into stored
 * alerts ({@link dev.bms.core.internal.alert.AlertEngine}), the router picks notifiers by route,
 * silence and inhibition and groups what is due ({@link dev.bms.core.internal.alert.NotificationRouter}),
 * and one channel per notifier delivers on its own threads with its own retries
 * ({@link dev.bms.core.internal.alert.NotifierChannel}).
 */
package dev.bms.core.internal.alert;
