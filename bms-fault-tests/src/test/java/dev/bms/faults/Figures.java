package dev.bms.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * The figures a scenario measured, printed as {@code FAULT-FIGURE <scenario> <name> = <value>} and
 * appended to {@code target/fault-figures.txt}, where docs/operations.md ("Failure modes") copies
 * them from.
 */
final class Figures {
  private static final Path FILE = Path.of("target", "fault-figures.txt");

  private Figures() {
  }

  static void record(String scenario, String name, Duration value) {
    record(scenario, name, String.format("%d ms", value.toMillis()));
  }

  static synchronized void record(String scenario, String name, String value) {
    String line = "FAULT-FIGURE " + scenario + " " + name + " = " + value;
    System.out.println(line);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, Instant.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("could not append to " + FILE + ": " + e);
    }
  }
}
