package dev.bms.core.internal.alert;

import dev.bms.core.internal.Arguments;
import dev.bms.api.model.Inputs;
import dev.bms.api.AlertService;
import dev.bms.api.InvalidRequestException;
import dev.bms.api.NotFoundException;
import dev.bms.api.alert.FindingAlert;
import dev.bms.api.alert.FindingKind;
import dev.bms.api.model.AckSlaReport;
import dev.bms.api.model.Alert;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.AlertGroup;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link AlertService} on the alert store and the engine (for acknowledgements). */
@Singleton
public final class DefaultAlertService implements AlertService {
  /** The most matchers one silence may hold. */
  static final int MAX_MATCHERS = 50;
  /** Critical first, then the largest group, then by rule. */
  private static final Comparator<AlertGroup> MOST_SEVERE_FIRST = Comparator
      .comparing(AlertGroup::severity) // declared most severe first
      .thenComparing(AlertGroup::total, Comparator.reverseOrder())
      .thenComparing(AlertGroup::rule);
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
    Arguments.filter("filter", filter);
    Arguments.page("page", page);
    return store().list(filter, page);
  }

  @Override
  public List<AlertGroup> groups(AlertFilter filter) {
    Arguments.filter("filter", filter);
    List<AlertGroup> groups = new ArrayList<>(store().groups(filter));
    groups.sort(MOST_SEVERE_FIRST);
    return List.copyOf(groups);
  }

  @Override
  public Page<FindingAlert> findings(AlertFilter filter, PageRequest page) {
    Arguments.filter("filter", filter);
    Arguments.page("page", page);
    Set<String> rules = new LinkedHashSet<>(FindingKind.ruleIds());
    if (!filter.rules().isEmpty()) {
      rules.retainAll(filter.rules());
    }
    filter.rule().ifPresent(r -> rules.retainAll(Set.of(r)));
    if (rules.isEmpty()) {
      return new Page<>(List.of(), Optional.empty());
    }
    Page<Alert> alerts = store().list(filter.withRules(rules), page);
    List<FindingAlert> items = new ArrayList<>();
    for (Alert a : alerts.items()) {
      AnomalyAlerts.finding(a).ifPresent(items::add);
    }
    return new Page<>(items, alerts.nextCursor());
  }

  @Override
  public Optional<Alert> get(AlertId id) {
    Inputs.requireArgument("id", id);
    return store().find(id);
  }

  @Override
  public Alert acknowledge(AlertId id, String who, String note) {
    Inputs.requireArgument("id", id);
    if (Inputs.requireLine("who", who, Inputs.MAX_NAME_LENGTH).isBlank()) {
      throw new InvalidRequestException("who: '" + who + "' must name who acknowledges");
    }
    Inputs.requireText("note", note);
    lifecycle.requireRunning();
    return engine.acknowledge(id, who.trim(), note);
  }

  @Override
  public Alert resolve(AlertId id, String who, String reason) {
    Inputs.requireArgument("id", id);
    if (Inputs.requireLine("who", who, Inputs.MAX_NAME_LENGTH).isBlank()) {
      throw new InvalidRequestException("who: '" + who + "' must name who resolves");
    }
    if (Inputs.requireText("reason", reason).isBlank()) {
      throw new InvalidRequestException("reason: must say what was found and done");
    }
    lifecycle.requireRunning();
    return engine.resolveByHand(id, who.trim(), reason.trim());
  }

  @Override
  public Silence silence(Map<String, String> matchers, Instant from, Instant until, String createdBy, String comment) {
    Inputs.requireArgument("matchers", matchers);
    if (matchers.size() > MAX_MATCHERS) {
      throw new InvalidRequestException("matchers: " + matchers.size() + " given, at most " + MAX_MATCHERS);
    }
    matchers.forEach((k, v) -> {
      if (k == null || k.isBlank() || v == null) {
        throw new InvalidRequestException("matchers: '" + Inputs.excerpt(k) + "'='" + Inputs.excerpt(v)
            + "' needs a key and a value");
      }
      Inputs.requireLine("matchers: key", k, Inputs.MAX_NAME_LENGTH);
      Inputs.requireLine("matchers." + k, v, Inputs.MAX_NAME_LENGTH);
    });
    Inputs.requireInstant("from", from);
    Inputs.requireInstant("until", until);
    if (!until.isAfter(from)) {
      throw new InvalidRequestException("until: " + until + " must be after from " + from);
    }
    if (Inputs.requireLine("createdBy", createdBy, Inputs.MAX_NAME_LENGTH).isBlank()) {
      throw new InvalidRequestException("createdBy: '" + createdBy + "' must name who silences");
    }
    Inputs.requireText("comment", comment);
    Silence s = new Silence("s-" + ids.next(), matchers, from, until, createdBy.trim(), comment, clock.instant());
    store().insertSilence(s);
    return s;
  }

  @Override
  public List<Silence> silences() {
    return store().silences(clock.instant());
  }

  @Override
  public void expireSilence(String silenceId) {
    Inputs.requireLine("silenceId", silenceId, Inputs.MAX_NAME_LENGTH);
    if (!store().expireSilence(silenceId, clock.instant())) {
      throw new NotFoundException("silence " + silenceId + " does not exist");
    }
  }

  @Override
  public List<AlertHistoryEntry> history(AlertId id) {
    Inputs.requireArgument("id", id);
    return store().history(id);
  }

  @Override
  public List<NotificationAttempt> notifications(AlertId id) {
    Inputs.requireArgument("id", id);
    return store().attempts(id);
  }

  @Override
  public List<DeliveryStats> deliveryStats(Instant from, Instant to) {
    Inputs.requireInstant("from", from);
    Inputs.requireInstant("to", to);
    return store().deliveryStats(from, to);
  }

  @Override
  public AckSlaReport slaReport(Instant from, Instant to) {
    Inputs.requireInstant("from", from);
    Inputs.requireInstant("to", to);
    if (!to.isAfter(from)) {
      throw new InvalidRequestException("to: " + to + " must be after from " + from);
    }
    return SlaReports.report(store(), engine.config(), from, to, clock.instant());
  }
}
