package dev.bms.core.internal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bms.api.model.Manifest;
import dev.bms.api.model.ManifestEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DataPathProbeTest {

  static byte[] text(Random r, int n) {
    String[] words = {"invoice", "payroll", "the", "customer", "of", "2026", "total", "EUR", "and", "backup"};
    StringBuilder sb = new StringBuilder();
    while (sb.length() < n) {
      sb.append(words[r.nextInt(words.length)]).append(r.nextInt(10) == 0 ? ".\n" : " ");
    }
    return sb.substring(0, n).getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] random(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void randomBytesLookEncryptedTextDoesNot() {
    Random r = new Random(1);
    int random = 0;
    for (int i = 0; i < 1000; i++) {
      random += ContentSample.looksEncrypted(random(r, 4096), 0, 4096) ? 1 : 0;
    }
    assertThat(random).isGreaterThanOrEqualTo(999);
    assertThat(ContentSample.looksEncrypted(text(r, 4096), 0, 4096)).isFalse();
    assertThat(ContentSample.entropy(random(r, 4096), 0, 4096)).isGreaterThan(7.9);
    assertThat(ContentSample.looksEncrypted(random(r, 512), 0, 512)).as("too short to judge").isFalse();
  }

  @Test
  void comparesWithThePreviousRestorePointWhileSampling() {
    Random r = new Random(2);
    List<ManifestEntry> before = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      before.add(new ManifestEntry("docs/f" + i + ".docx", 40_000, "h" + i));
    }
    before.add(new ManifestEntry("docs/readme", 10, "r"));
    DataPathProbe probe = new DataPathProbe(new Manifest(before));
    List<ManifestEntry> after = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      boolean encrypted = i < 60;
      String path = encrypted ? "docs/f" + i + ".docx.locked" : "docs/f" + i + ".docx";
      byte[] content = encrypted ? random(r, 40_000) : text(r, 40_000);
      for (int off = 0; off < content.length; off += 7000) {
        int n = Math.min(7000, content.length - off);
        byte[] chunk = new byte[n];
        System.arraycopy(content, off, chunk, 0, n);
        probe.onBytes(chunk, n);
      }
      String hash = encrypted ? "x" + i : "h" + i;
      probe.onFileDone(path, hash);
      after.add(new ManifestEntry(path, content.length, hash));
    }
    RunSignals s = probe.finish(new Manifest(after));

    assertThat(s.previousFiles()).isEqualTo(101);
    assertThat(s.changedOrRemoved()).isEqualTo(61); // 60 renamed away, readme gone
    assertThat(s.gainedExtensions()).isEqualTo(60);
    // 4,000,000 bytes, one 4 KiB block in 16 sampled: about 61 blocks
    assertThat(s.sampledBlocks()).isBetween(50L, 70L);
    assertThat(s.encryptedShare()).isBetween(0.5, 0.7);
    assertThat(s.randomChangedBlocks()).isEqualTo(s.sampledChangedBlocks());
  }

  /**
   * Deflate output is as flat as random data in 4 KiB blocks: the content sample cannot tell them
   * apart, which is why encrypted-looking content only counts against the job's usual share and
   * together with changed or removed files (see AnomalyDetectorTest).
   */
  @Test
  void compressedContentLooksEncryptedToo() throws IOException {
    Random r = new Random(3);
    int looks = 0;
    int blocks = 0;
    for (int i = 0; i < 50; i++) {
      byte[] z = gzip(text(r, 200_000));
      for (int off = 0; off + 4096 <= z.length; off += 4096) {
        blocks++;
        looks += ContentSample.looksEncrypted(z, off, 4096) ? 1 : 0;
      }
    }
    assertThat(blocks).isGreaterThan(300);
    assertThat(looks).isGreaterThan(blocks * 9 / 10);
  }

  @Test
  void extensionsAndStems() {
    assertThat(DataPathProbe.extension("a/b/c.DOCX")).isEqualTo("docx");
    assertThat(DataPathProbe.extension("a/.profile")).isEmpty();
    assertThat(DataPathProbe.extension("a.b/c")).isEmpty();
    assertThat(DataPathProbe.stem("a/b/c.docx.locked")).isEqualTo("a/b/c.docx");
    assertThat(DataPathProbe.stem("a.b/c")).isEqualTo("a.b/c");
  }
}
