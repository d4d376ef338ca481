package dev.bms.plugins.filesystem;

import dev.bms.spi.BackupSource;
import dev.bms.spi.SourceEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pushes every regular file below a directory to the sink, in the order of their
 * {@code /}-separated relative paths as strings (the order of {@link dev.bms.api.model.Manifest}).
 * That order comes out of a depth-first walk whose siblings are sorted by name, with {@code "/"}
 * appended to directory names: every path below directory {@code d} starts with {@code "d/"}, so
 * the walk never needs to hold more than one directory's listing at a time.
 *
 * <p>Files that vanish between listing and reading are skipped (the tree is live); any other read
 * error fails the backup. Links are skipped unless {@code followLinks}; followed links that loop
 * fail the backup.
 */
final class DirectorySource implements BackupSource {
  private static final int READ_BUFFER = 256 * 1024;

  private final Path root;
  private final Optional<PathMatcher> include;
  private final Optional<PathMatcher> exclude;
  private final boolean followLinks;

  DirectorySource(Path root, Optional<PathMatcher> include, Optional<PathMatcher> exclude, boolean followLinks) {
    this.root = root;
    this.include = include;
    this.exclude = exclude;
    this.followLinks = followLinks;
  }

  @Override
  public void read(EntrySink sink) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null, "source directory is missing");
    }
    Set<Object> ancestors = new HashSet<>();
    walk(root, "", sink, ancestors);
  }

  private void walk(Path dir, String prefix, EntrySink sink, Set<Object> ancestors) throws IOException {
    BasicFileAttributes dirAttrs = attributes(dir);
    Object key = dirAttrs.fileKey();
    if (followLinks && key != null && !ancestors.add(key)) {
      throw new FileSystemLoopException(dir.toString());
    }
    for (Child child : sortedChildren(dir)) {
      String relative = prefix + child.name;
      Path relativePath = root.relativize(child.path);
      if (child.attrs.isDirectory()) {
        if (exclude.isEmpty() || !exclude.get().matches(relativePath)) {
          walk(child.path, relative + "/", sink, ancestors);
        }
      } else if (child.attrs.isRegularFile() && selected(relativePath)) {
        push(child, relative, sink);
      }
    }
    if (key != null) {
      ancestors.remove(key);
    }
  }

  private boolean selected(Path relativePath) {
    return include.map(m -> m.matches(relativePath)).orElse(true)
        && exclude.map(m -> !m.matches(relativePath)).orElse(true);
  }

  private void push(Child child, String relative, EntrySink sink) throws IOException {
    OpenOption[] options = followLinks
        ? new OpenOption[] {StandardOpenOption.READ}
        : new OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
    InputStream in;
    try {
      in = Files.newInputStream(child.path, options);
    } catch (NoSuchFileException vanished) {
      return;
    }
    try (InputStream content = new java.io.BufferedInputStream(in, READ_BUFFER)) {
      java.util.Optional<String> permissions = child.attrs instanceof java.nio.file.attribute.PosixFileAttributes posix
          ? java.util.Optional.of(java.nio.file.attribute.PosixFilePermissions.toString(posix.permissions()))
          : java.util.Optional.empty();
      sink.accept(new SourceEntry(relative, child.attrs.size(), child.attrs.lastModifiedTime().toInstant(), permissions),
          content);
    }
  }

  private List<Child> sortedChildren(Path dir) throws IOException {
    List<Child> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        BasicFileAttributes attrs;
        try {
          attrs = attributes(p);
        } catch (NoSuchFileException vanished) {
          continue;
        } catch (IOException brokenLink) {
          if (followLinks && Files.isSymbolicLink(p)) {
            continue; // a dangling link holds no data
          }
          throw brokenLink;
        }
        String name = p.getFileName().toString();
        children.add(new Child(p, name, attrs, attrs.isDirectory() ? name + "/" : name));
      }
    }
    children.sort(Comparator.comparing(c -> c.sortKey));
    return children;
  }

  /** POSIX attributes where the file system has them (same cost), so permissions reach the manifest. */
  private BasicFileAttributes attributes(Path p) throws IOException {
    Class<? extends BasicFileAttributes> kind = p.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? java.nio.file.attribute.PosixFileAttributes.class
        : BasicFileAttributes.class;
    return followLinks
        ? Files.readAttributes(p, kind)
        : Files.readAttributes(p, kind, LinkOption.NOFOLLOW_LINKS);
  }

  private record Child(Path path, String name, BasicFileAttributes attrs, String sortKey) {
  }

  @Override
  public String toString() {
    return "directory source " + root;
  }
}
