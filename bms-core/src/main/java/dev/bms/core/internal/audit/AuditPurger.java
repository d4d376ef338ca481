package dev.bms.core.internal.audit;

import dev.bms.api.StorageException;
import dev.bms.api.audit.AuditPurge;
import dev.bms.api.audit.AuditRecord;
import dev.bms.spi.storage.AuditChain;
import dev.bms.spi.storage.AuditStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One purge of the audit trail: exports the oldest records (those before a time, up to the first
 * later or missing one, so the purged part is a contiguous start of the chain) to a new file, forces
 * it to disk, gives it its final name ({@code bms-audit-<first>-<last>.jsonl}, an atomic move) and only
 * then deletes the records, moving the store's purge boundary to the last one.
 */
final class AuditPurger {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditPurger.class);

  private static final int BATCH = 1_000;

  private final AuditStore store;
  private final Clock clock;

  AuditPurger(AuditStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  AuditPurge purge(Instant before, Path directory) {
    AuditChain.Head boundary = store.purged();
    Path part;
    try {
      Files.createDirectories(directory);
      part = Files.createTempFile(directory, "bms-audit-", ".jsonl.part");
    } catch (IOException e) {
      throw new StorageException("cannot write the audit export in " + directory + ": " + e, e);
    }
    long first = 0;
    long last = 0;
    long count = 0;
    String lastHash = "";
    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
         Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8))) {
      out.write(AuditExports.header());
      out.write('\n');
      long expected = boundary.sequence() + 1;
      long after = boundary.sequence();
      reading:
      while (true) {
        List<AuditRecord> batch = store.range(Instant.EPOCH, before, after, BATCH);
        for (AuditRecord r : batch) {
          if (r.sequence() != expected) {
            break reading; // a later (or missing) record: the purged part ends before it
          }
          out.write(AuditExports.line(r));
          out.write('\n');
          first = count == 0 ? r.sequence() : first;
          last = r.sequence();
          lastHash = r.hash();
          count++;
          expected++;
        }
        if (batch.size() < BATCH) {
          break;
        }
        after = batch.get(batch.size() - 1).sequence();
      }
      out.write(AuditExports.end(count, first, last, lastHash));
      out.write('\n');
      out.flush();
      channel.force(true);
    } catch (IOException e) {
      deleteQuietly(part);
      throw new StorageException("cannot write the audit export " + part + ": " + e + "; nothing was purged", e);
    } catch (RuntimeException e) {
      deleteQuietly(part);
      throw e;
    }
    if (count == 0 || store.purged().sequence() >= last) {
      deleteQuietly(part); // nothing that old, or another instance purged it meanwhile
      return AuditPurge.nothing();
    }
    Path file = directory.resolve(String.format("bms-audit-%019d-%019d.jsonl", first, last));
    try {
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(directory);
    } catch (IOException e) {
      deleteQuietly(part);
      throw new StorageException("cannot name the audit export " + file + ": " + e + "; nothing was purged", e);
    }
    if (store.purge(last, clock.instant()) == 0) {
      // another instance purged these records in the meantime, after exporting them itself; the file is
      // kept (in a shared directory it may be that instance's export, same name, same records)
      return AuditPurge.nothing();
    }
    return new AuditPurge(count, first, last, lastHash, Optional.of(file));
  }

  /**
   * Makes the new file's name durable too (a directory can be forced on Linux; elsewhere best effort).
   * A failure does not stop the purge (the file itself is on disk) but is logged at WARN with the
   * directory: a crash right after it could lose the file's name.
   */
  private static void forceDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      log.warn("Could not force the audit export directory {} to disk ({}); the export file is written, but its"
          + " name may not survive a crash right now", directory, e.toString());
    } catch (UnsupportedOperationException notSupported) {
      // this platform does not open directories as channels; the file itself is on disk
      log.debug("Cannot force directory {} on this platform", directory);
    }
  }

  private static void deleteQuietly(Path part) {
    try {
      Files.deleteIfExists(part);
    } catch (IOException ignored) {
      // a stray .part file; the next purge writes a new one
    }
  }
}
