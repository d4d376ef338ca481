package dev.bms.core.internal.alert;

import dev.bms.api.AlertService;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.NotFoundException;
import dev.bms.api.model.AckSlaReport;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertHistoryEntry;
import dev.bms.api.model.AlertId;
import dev.bms.api.model.DeliveryStats;
import dev.bms.api.model.NotificationAttempt;
import dev.bms.api.model.Page;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.Silence;
import dev.bms.core.internal.Ids;
import dev.bms.core.internal.Lifecycle;
import dev.bms.spi.storage.AlertStore;
import dev.bms.spi.storage.Storage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link AlertService} on the alert store and the engine (for acknowledgements). */
@Singleton
public final class DefaultAlertService implements AlertService {
  private final AlertEngine engine;
  private final Storage storage;
  private final Clock clock;
  private final Ids ids;
  private final Lifecycle lifecycle;

  @Inject
  public DefaultAlertService(AlertEngine engine, Storage storage, Clock clock, Ids ids, Lifecycle lifecycle) {
    this.engine = engine;
    this.storage = storage;
    this.clock = clock;
    this.ids = ids;
    this.lifecycle = lifecycle;
  }

  private AlertStore store() {
    lifecycle.requireRunning();
    return storage.alerts();
  }

  @Override
  public List<Alert> open() {
    lifecycle.requireRunning();
    return engine.openAlerts();
  }

  @Override
  public Page<Alert> list(AlertFilter filter, PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
    return store().list(filter, page);
  }

  @Override
  public Optional<Alert> get(AlertId id) {
    Objects.requireNonNull(id, "id");
    return store().find(id);
  }

  @Override
  public Alert acknowledge(AlertId id, String who, String note) {
    Objects.requireNonNull(id, "id");
    if (who == null || who.isBlank()) {
      throw new InvalidRequestException("who: '" + who + "' must name who acknowledges");
    }
    lifecycle.requireRunning();
    return engine.acknowledge(id, who.trim(), note == null ? "" : note);
  }

  @Override
  public Silence silence(Map<String, String> matchers, Instant from, Instant until, String createdBy, String comment) {
    Objects.requireNonNull(matchers, "matchers");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (!until.isAfter(from)) {
      throw new InvalidRequestException("until: " + until + " must be after from " + from);
    }
    if (createdBy == null || createdBy.isBlank()) {
      throw new InvalidRequestException("createdBy: '" + createdBy + "' must name who silences");
    }
    matchers.forEach((k, v) -> {
      if (k == null || k.isBlank() || v == null) {
        throw new InvalidRequestException("matchers: '" + k + "'='" + v + "' needs a key and a value");
      }
    });
    Silence s = new Silence("s-" + ids.next(), matchers, from, until, createdBy.trim(),
        comment == null ? "" : comment, clock.instant());
    store().insertSilence(s);
    return s;
  }

  @Override
  public List<Silence> silences() {
    return store().silences(clock.instant());
  }

  @Override
  public void expireSilence(String silenceId) {
    Objects.requireNonNull(silenceId, "silenceId");
    if (!store().expireSilence(silenceId, clock.instant())) {
      throw new NotFoundException("silence " + silenceId + " does not exist");
    }
  }

  @Override
  public List<AlertHistoryEntry> history(AlertId id) {
    Objects.requireNonNull(id, "id");
    return store().history(id);
  }

  @Override
  public List<NotificationAttempt> notifications(AlertId id) {
    Objects.requireNonNull(id, "id");
    return store().attempts(id);
  }

  @Override
  public List<DeliveryStats> deliveryStats(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return store().deliveryStats(from, to);
  }

  @Override
  public AckSlaReport slaReport(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new InvalidRequestException("to: " + to + " must be after from " + from);
    }
    return SlaReports.report(store(), engine.config(), from, to, clock.instant());
  }
}
