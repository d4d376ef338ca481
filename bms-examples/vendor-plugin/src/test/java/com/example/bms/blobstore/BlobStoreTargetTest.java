package com.example.bms.blobstore;

import dev.bms.spi.BackupTarget;
import dev.bms.spi.PluginConfig;
import dev.bms.spi.PluginContext;
import dev.bms.testkit.target.BackupTargetContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The whole compatibility kit, for the price of three small methods. */
class BlobStoreTargetTest extends BackupTargetContract {

  @Override
  protected BackupTarget createTarget(Path dir) {
    return new BlobStoreTargetFactory().create(new PluginConfig("target 'blobstore'", Map.of("root", dir.toString())), PluginContext.standalone());
  }

  @Override
  protected void flipOneByte(BackupTarget target, String location, String path) throws IOException {
    Path blob = blobOf(location, path);
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(blob, bytes);
  }

  @Override
  protected void removeStoredFile(BackupTarget target, String location, String path) throws IOException {
    Files.delete(blobOf(location, path));
  }

  /** Where the content of {@code path} lives: copies/<id>/index.tsv maps it to blobs/<sha256>. */
  private static Path blobOf(String location, String path) throws IOException {
    for (String line : Files.readAllLines(Path.of(location, "index.tsv"))) {
      String[] parts = line.split("\t");
      if (parts[0].equals(path)) {
        return Path.of(location).getParent().resolveSibling("blobs").resolve(parts[1]);
      }
    }
    throw new IOException(path + " is not in the copy");
  }
}
