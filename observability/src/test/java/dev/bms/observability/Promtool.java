package dev.bms.observability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code promtool} (package {@code prometheus}) and returns its exit code and output. */
final class Promtool {
  record Result(int exitCode, String output) {}

  private Promtool() {}

  static Result run(Path workingDirectory, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish in 2 minutes");
    }
    return new Result(process.exitValue(), output);
  }

  private static String executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, "promtool"))) {
        return Path.of(dir, "promtool").toString();
      }
    }
    throw new IllegalStateException("promtool is missing: run scripts/setup-test-env.sh (part of the README's test command),"
        + " which installs Debian's prometheus package (it provides promtool)");
  }
}
