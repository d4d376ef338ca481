package dev.bms.plugins.s3;

import dev.bms.api.CopyLockedException;
import dev.bms.api.InvalidConfigException;
import dev.bms.api.model.IntegrityProblem;
import dev.bms.api.model.IntegrityReport;
import dev.bms.api.model.Manifest;
import java.nio.file.Path;
import dev.bms.api.model.ManifestEntry;
import dev.bms.spi.BackupTarget;
import dev.bms.spi.TargetCapabilities;
import dev.bms.spi.WriteRequest;
import dev.bms.spi.WriteSession;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code "s3"} target: copies as objects in one bucket (layout in {@link CopyKeys}), visible
 * once their manifest is written, optionally locked with S3 Object Lock and the lock read back as
 * proof. Thread-safe: the SDK client is, and sessions share nothing. Reading and listing go through
 * {@link CopyReader}, deleting through {@link CopyDeleter}.
 */
final class S3Target implements BackupTarget {
  private static final System.Logger LOG = System.getLogger(S3Target.class.getName());

  private final S3Settings settings;
  private final S3Client s3;
  private final CopyKeys keys;
  private final ObjectLocks locks;
  private final CopyReader reader;
  private final CopyDeleter deleter;
  private final Clock clock;
  private final TargetCapabilities capabilities;
  private volatile boolean bucketChecked;

  S3Target(S3Settings settings, Clock clock) {
    this.settings = settings;
    this.s3 = S3Clients.create(settings);
    this.keys = new CopyKeys(settings.bucket(), settings.prefix());
    this.locks = new ObjectLocks(s3, settings.bucket());
    this.reader = new CopyReader(s3, settings.bucket());
    this.deleter = new CopyDeleter(s3, settings.bucket());
    this.clock = clock;
    this.capabilities = new TargetCapabilities(settings.mediaType(), settings.failureDomain(), settings.offsite(),
        settings.lockMode() != LockMode.NONE, false, settings.lockMode().enforcement());
  }

  /** {@code lockFor} when {@code objectLock} is set, else zero. */
  @Override
  public Duration lockPeriod() {
    return settings.lockMode() == LockMode.NONE ? Duration.ZERO : settings.lockFor().orElse(Duration.ZERO);
  }

  @Override
  public TargetCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public WriteSession openWrite(WriteRequest request) throws IOException {
    checkBucket();
    String executionPrefix = keys.executionPrefix(request.jobName(), request.executionId());
    removeLeftovers(keys.jobPrefix(request.jobName()), executionPrefix);
    return new S3WriteSession(this, keys.newCopyPrefix(request.jobName(), request.executionId()),
        request.retainUntil());
  }

  /**
   * On the first write: the bucket must exist and, for a locking target, have Object Lock enabled;
   * otherwise the copy fails with the reason instead of being written unlocked.
   */
  private void checkBucket() throws IOException {
    if (bucketChecked) {
      return;
    }
    try {
      s3.headBucket(b -> b.bucket(settings.bucket()));
    } catch (SdkException e) {
      throw S3Errors.translate(e, "HeadBucket s3://" + settings.bucket(), null);
    }
    if (settings.lockMode() != LockMode.NONE && !locks.bucketLockEnabled()) {
      throw new InvalidConfigException("target 's3'", List.of("objectLock: " + settings.lockMode()
          + " is configured but bucket '" + settings.bucket() + "' does not have Object Lock enabled "
          + "(it can only be enabled on a versioned bucket; copies would not be immutable)"));
    }
    bucketChecked = true;
  }

  /**
   * Removes what killed attempts of this execution left (sessions without a manifest, their
   * multipart uploads) and multipart uploads of the job older than {@code staleAfter}. A failure
   * only delays the cleanup: leftovers are never visible.
   */
  private void removeLeftovers(String jobPrefix, String executionPrefix) {
    try {
      deleter.abortUploads(jobPrefix, executionPrefix, clock.instant().minus(settings.staleAfter()));
      for (String copyPrefix : reader.sessions(executionPrefix)) {
        if (!reader.committed(copyPrefix)) {
          LOG.log(Level.INFO, "removing leftover of an interrupted run: {0}", keys.location(copyPrefix));
          deleter.deleteAllBelow(copyPrefix);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not clean leftovers below s3://" + settings.bucket() + "/" + executionPrefix
          + "; retried next write: " + e.getMessage());
    }
  }

  @Override
  public InputStream openRead(String location, String path) throws IOException {
    String copyPrefix = keys.copyPrefix(location);
    String key = CopyKeys.dataKey(copyPrefix, path);
    if (!reader.committed(copyPrefix)) {
      throw new NoSuchFileException(path, null, "no committed copy at " + location);
    }
    return reader.open(key, path);
  }

  @Override
  public List<String> list(String location) throws IOException {
    String copyPrefix = keys.copyPrefix(location);
    return reader.committed(copyPrefix) ? reader.files(copyPrefix) : List.of();
  }

  @Override
  public void delete(String location) throws IOException {
    String copyPrefix = keys.copyPrefix(location);
    Optional<Instant> until = lockedUntil(location);
    if (until.isPresent() && clock.instant().isBefore(until.get())) {
      throw new CopyLockedException(location, until.get());
    }
    // the manifest first: an interrupted delete leaves an invisible remainder, never a half copy
    deleter.deleteAllBelow(CopyKeys.manifestKey(copyPrefix));
    deleter.deleteAllBelow(copyPrefix);
  }

  /**
   * The lock proof: the earliest retain-until date over the manifest and every file of the copy,
   * read back with {@code GetObjectRetention}; empty when any object has no retention, or one
   * weaker than the configured mode (GOVERNANCE found where COMPLIANCE is configured).
   */
  @Override
  public Optional<Instant> lockedUntil(String location) throws IOException {
    String copyPrefix = keys.copyPrefix(location);
    if (settings.lockMode() == LockMode.NONE) {
      return Optional.empty();
    }
    List<String> objects = new ArrayList<>();
    objects.add(CopyKeys.manifestKey(copyPrefix));
    for (String file : reader.files(copyPrefix)) {
      objects.add(CopyKeys.dataKey(copyPrefix, file));
    }
    Instant earliest = null;
    for (String key : objects) {
      Optional<ObjectLocks.Retention> r = locks.read(key);
      if (r.isEmpty() || !settings.lockMode().satisfiedBy(r.get().mode())) {
        return Optional.empty();
      }
      earliest = earliest == null || r.get().until().isBefore(earliest) ? r.get().until() : earliest;
    }
    return Optional.ofNullable(earliest);
  }

  /** Checks that the copy is committed once, then re-reads and re-hashes every given file. */
  @Override
  public IntegrityReport verify(String location, List<ManifestEntry> entries) throws IOException {
    String copyPrefix = keys.copyPrefix(location);
    if (!reader.committed(copyPrefix)) {
      List<IntegrityProblem> missing = entries.stream().map(e -> new IntegrityProblem(e.path(),
          IntegrityProblem.Kind.MISSING, "no committed copy at " + location)).toList();
      return new IntegrityReport(0, 0, missing);
    }
    return reader.verify(copyPrefix, entries);
  }

  /** Restores through {@link CopyReader#restore}, which compares every file's SHA-256 with the manifest. */
  @Override
  public void restore(String location, Manifest manifest, Path destination) throws IOException {
    String copyPrefix = keys.copyPrefix(location);
    if (!reader.committed(copyPrefix)) {
      throw new NoSuchFileException(location, null, "no committed copy");
    }
    reader.restore(copyPrefix, manifest, destination);
  }

  /** The lock of a copy committed now: at least the job's retain-until and {@code lockFor} from now, in whole seconds. */
  Instant lockUntil(Optional<Instant> requested) {
    Instant fromConfig = clock.instant().plus(settings.lockFor().orElseThrow());
    Instant until = requested.filter(r -> r.isAfter(fromConfig)).orElse(fromConfig);
    Instant seconds = until.truncatedTo(ChronoUnit.SECONDS);
    return seconds.equals(until) ? seconds : seconds.plusSeconds(1);
  }

  void deleteAllBelow(String copyPrefix) throws IOException {
    deleter.deleteAllBelow(copyPrefix);
  }

  S3Settings settings() {
    return settings;
  }

  S3Client s3() {
    return s3;
  }

  CopyKeys keys() {
    return keys;
  }

  ObjectLocks locks() {
    return locks;
  }

  @Override
  public void close() {
    s3.close();
  }

  @Override
  public String toString() {
    return "s3 target " + settings.describe();
  }
}
