package dev.bms.testkit.storage;

import static dev.bms.testkit.storage.StorageFixtures.minimalJob;
import static dev.bms.testkit.storage.StorageFixtures.newJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.model.Job;
import dev.bms.spi.storage.BaselineStore;
import dev.bms.spi.storage.Storage;
import dev.bms.spi.storage.StorageCapability;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Storage#baselines()}: states round trip exactly (long ones too), are
 * replaced, are read for many jobs at once, skip jobs that do not exist and go with their job. A
 * group of {@link StorageCompatibilityKit}, skipped for a storage without {@code BASELINES}.
 */
public abstract class BaselineStoreChecks extends StoreChecks {
  @Override
  protected Set<StorageCapability> requires() {
    return EnumSet.of(StorageCapability.BASELINES);
  }

  private BaselineStore store() {
    return storage.baselines().orElseThrow();
  }

  @Test
  void statesRoundTripAndAreReplaced() {
    Job a = job("a");
    Job b = job("b");
    Job never = newJob(minimalJob("never stored"));
    String longState = "bms-baseline-1\n" + "bytes=1.00000e+09,".repeat(3000) + "\nunicode=ä–€\n";
    assertThat(longState.length()).isLessThan(BaselineStore.MAX_STATE_CHARS);
    Map<dev.bms.api.model.JobId, String> first = new LinkedHashMap<>();
    first.put(a.id(), "state of a\n");
    first.put(b.id(), longState);
    first.put(never.id(), "nobody reads this");

    store().putBaselines(first);

    assertThat(store().baselines(List.of(a.id(), b.id(), never.id())))
        .containsOnly(Map.entry(a.id(), "state of a\n"), Map.entry(b.id(), longState));
    store().putBaselines(Map.of(a.id(), "second"));
    assertThat(store().baselines(List.of(a.id()))).containsExactly(Map.entry(a.id(), "second"));
    assertThat(store().baselines(List.of())).isEmpty();

    storage.jobs().delete(a.id());
    assertThat(store().baselines(List.of(a.id(), b.id()))).containsOnlyKeys(b.id());
  }

  @Test
  void tooLongAStateIsRefusedAndNothingIsWritten() {
    Job a = job("a");
    String tooLong = "x".repeat(BaselineStore.MAX_STATE_CHARS + 1);
    assertThatThrownBy(() -> store().putBaselines(Map.of(a.id(), tooLong)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(a.id().toString());
    assertThat(store().baselines(List.of(a.id()))).isEmpty();
  }
}
