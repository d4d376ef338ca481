package dev.bms.examples.rest;

import dev.bms.spi.BackupSource;
import dev.bms.spi.BackupSourceFactory;
import dev.bms.spi.BmsPlugin;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.SourceEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test source "gated" (found through ServiceLoader like any plugin): a whole first file of
 * {@code bytes} bytes, then a second one that stops half-way until the test opens gate {@code gate}
 * (or the run is interrupted). So a running execution can be observed at a known point.
 */
public final class GatedSourcePlugin implements BmsPlugin {
  static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

  /** Where a run waits. */
  static final class Gate {
    final CountDownLatch reached = new CountDownLatch(1);
    final CountDownLatch open = new CountDownLatch(1);

    boolean awaitReached() throws InterruptedException {
      return reached.await(30, TimeUnit.SECONDS);
    }
  }

  static Gate gate(String name) {
    return GATES.computeIfAbsent(name, k -> new Gate());
  }

  @Override
  public String name() {
    return "rest-test-gated";
  }

  @Override
  public List<BackupSourceFactory> sources() {
    return List.of(new BackupSourceFactory() {
      @Override
      public String type() {
        return "gated";
      }

      @Override
      public BackupSource create(PluginConfig config) {
        int bytes = config.intValue("bytes", 1000, 2, 1 << 20);
        String gate = config.string("gate", "default");
        config.validate();
        return sink -> {
          sink.accept(new SourceEntry("first.bin", bytes, Instant.EPOCH), new ByteArrayInputStream(new byte[bytes]));
          sink.accept(new SourceEntry("second.bin", bytes, Instant.EPOCH), halted(bytes, gate(gate)));
        };
      }
    });
  }

  private static InputStream halted(int bytes, Gate gate) {
    return new InputStream() {
      int pos;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (pos == bytes / 2 && gate.open.getCount() > 0) {
          gate.reached.countDown();
          try {
            gate.open.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("gated source interrupted");
          }
        }
        if (pos >= bytes) {
          return -1;
        }
        int n = Math.min(len, (pos < bytes / 2 ? bytes / 2 : bytes) - pos);
        pos += n;
        return n;
      }
    };
  }
}
