package dev.bms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bms.api.InvalidRequestException;
import dev.bms.api.model.AlertFilter;
import dev.bms.api.model.BackupJob;
import dev.bms.api.model.CopyResult;
import dev.bms.api.model.CopySpec;
import dev.bms.api.model.CopyStatus;
import dev.bms.api.model.ExecutionFilter;
import dev.bms.api.model.Inputs;
import dev.bms.api.model.JobFilter;
import dev.bms.api.model.JobId;
import dev.bms.api.model.PageRequest;
import dev.bms.api.model.ReportedExecution;
import dev.bms.api.model.VerificationLevel;
import dev.bms.api.model.VerificationPolicy;
import dev.bms.api.restore.FileQuery;
import dev.bms.api.restore.RestorePointRef;
import dev.bms.api.restore.RestoreRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What a caller reports about a copy is checked where the value is made: a digest that is not
 * SHA-256 hex, a negative duration or count, a null, an instant beyond year 9999 each give an
 * {@link InvalidRequestException} naming the field, with the bad value cut to a readable length.
 */
class ReportedResultBoundsTest {
  private static final String DIGEST = "0123456789abcdef".repeat(4);
  private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");

  private static CopyResult copy(long bytes, long files, Duration duration, Optional<String> digest) {
    return new CopyResult("nas", "filesystem", CopyStatus.SUCCEEDED, bytes, files, duration, digest,
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static void refused(ThrowingCallable call, String field) {
    assertThatThrownBy(call).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(field)
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000"));
  }

  @Test
  void digestMustBeSha256Hex() {
    refused(() -> copy(1, 1, Duration.ZERO, Optional.of("ab")), "manifestDigest: 'ab'");
    refused(() -> copy(1, 1, Duration.ZERO, Optional.of("g".repeat(64))), "manifestDigest");
    refused(() -> copy(1, 1, Duration.ZERO, Optional.of("a".repeat(63) + "\u0000")), "manifestDigest");
    refused(() -> copy(1, 1, Duration.ZERO, Optional.of("a".repeat(65))), "manifestDigest");
    // digits of other scripts are not hex digits
    refused(() -> copy(1, 1, Duration.ZERO, Optional.of("\u0661".repeat(64))), "manifestDigest");
    refused(() -> copy(1, 1, Duration.ZERO, Optional.of("f".repeat(1_000_000))), "1000000 chars");
    // upper case is accepted and kept in lower case, so equal digests compare equal
    assertThat(copy(1, 1, Duration.ZERO, Optional.of(DIGEST.toUpperCase())).manifestDigest()).contains(DIGEST);
    assertThat(CopyResult.succeeded("nas", 1, 1, Duration.ofSeconds(1), DIGEST).manifestDigest()).contains(DIGEST);
  }

  @Test
  void countsAndDurationMustNotBeNegative() {
    refused(() -> copy(-1, 1, Duration.ZERO, Optional.empty()), "bytes: -1");
    refused(() -> copy(1, -1, Duration.ZERO, Optional.empty()), "files: -1");
    refused(() -> copy(1, 1, Duration.ofMillis(-1), Optional.empty()), "duration: PT-0.001S");
    assertThat(copy(0, 0, Duration.ZERO, Optional.empty()).duration()).isZero();
  }

  @Test
  void everyNullIsNamed() {
    Object[] valid = {"nas", "filesystem", CopyStatus.SUCCEEDED, Duration.ZERO, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty()};
    String[] names = {"copyName", "targetType", "status", "duration", "manifestDigest", "location", "immutableUntil",
        "error"};
    for (int i = 0; i < valid.length; i++) {
      Object[] a = Arrays.copyOf(valid, valid.length);
      a[i] = null;
      refused(() -> new CopyResult((String) a[0], (String) a[1], (CopyStatus) a[2], 0, 0, (Duration) a[3],
          cast(a[4]), cast(a[5]), cast(a[6]), cast(a[7])), names[i] + ": must not be null");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Optional<T> cast(Object o) {
    return (Optional<T>) o;
  }

  @Test
  void aHostileCopyNameIsShownCutAndEscaped() {
    refused(() -> new CopyResult("n\u0000" + "x".repeat(1_000_000), "", CopyStatus.SUCCEEDED, -1, 0, Duration.ZERO,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), "copy 'n\\u0000xxx");
  }

  @Test
  void reportedExecutionTimesAreWithinYearsOneTo9999() {
    JobId job = new JobId(UUID.randomUUID());
    refused(() -> new ReportedExecution(job, Instant.MIN, T, List.of()), "startedAt");
    refused(() -> new ReportedExecution(job, T, Instant.MAX, List.of()), "finishedAt");
    refused(() -> new ReportedExecution(job, Inputs.MIN_INSTANT.minusNanos(1), T, List.of()), "startedAt");
    refused(() -> new ReportedExecution(null, T, T, List.of()), "jobId: must not be null");
    refused(() -> new ReportedExecution(job, T, T, null), "copies: must not be null");
    refused(() -> new ReportedExecution(job, T, T, Arrays.asList(copy(1, 1, Duration.ZERO, Optional.empty()), null)),
        "copies[1]: must not be null");
    assertThat(new ReportedExecution(job, Inputs.MIN_INSTANT, Inputs.MAX_INSTANT, List.of()).finishedAt())
        .isEqualTo(Inputs.MAX_INSTANT);
  }

  @Test
  void requestValuesNameTheirBadFieldInsteadOfThrowingNullPointerOrIllegalArgument() {
    refused(() -> PageRequest.first(0), "limit");
    refused(() -> new PageRequest(10, null), "cursor: must not be null");
    refused(() -> new JobFilter(null, Map.of(), Optional.empty()), "enabled: must not be null");
    refused(() -> new JobFilter(Optional.empty(), null, Optional.empty()), "labels: must not be null");
    refused(() -> new ExecutionFilter(Optional.empty(), null, Optional.empty(), Optional.empty()),
        "statuses: must not be null");
    refused(() -> AlertFilter.all().withJob(null), "job: must not be null");
    refused(() -> JobFilter.all().withLabel("k", null), "value: must not be null");
    refused(() -> FileQuery.name(""), "value");
    refused(() -> new FileQuery(FileQuery.Match.NAME, "x", Optional.empty(), Optional.empty(), 0), "limit");
    refused(() -> RestoreRequest.from(null), "point");
    refused(() -> RestoreRequest.from(RestorePointRef.latest(new JobId(UUID.randomUUID()))).build(), "destination");
    refused(() -> RestoreRequest.from(RestorePointRef.latest(new JobId(UUID.randomUUID())))
        .into(Path.of("/r")).timeout(Duration.ofSeconds(-1)).build(), "timeout");
    refused(() -> RestorePointRef.asOf(new JobId(UUID.randomUUID()), null), "at: must not be null");
    refused(() -> new JobId(null), "value: must not be null");
    refused(() -> VerificationPolicy.every(null, VerificationLevel.values()[0]), "every: must not be null");
    refused(() -> CopySpec.target(null, Map.of()), "targetType: must not be null");
    refused(() -> BackupJob.builder(null), "name: must not be null");
    refused(() -> BackupJob.builder("job").label("k", null), "value: must not be null");
    refused(() -> BackupJob.builder("job").schedule(null), "schedule: must not be null");
  }
}
