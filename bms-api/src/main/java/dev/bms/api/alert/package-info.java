/**
 * Alerting configuration: rules, notifier instances, routes, SLAs and delivery limits
 * ({@link dev.bms.api.alert.AlertingConfig}).
 */
package dev.bms.api.alert;
