package org.bsnn.datasets.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external command (apt-get, dpkg-deb, npm) and captures its combined output. */
public final class Command {

  /**
   * What a finished command returned.
   *
   * @param command the command line, for messages
   * @param exitCode its exit status
   * @param output stdout and stderr together
   */
  public record Result(String command, int exitCode, String output) {
    /** True on exit status 0. */
    public boolean ok() {
      return exitCode == 0;
    }

    /** The last {@code n} lines of output, for error messages. */
    public String tail(int n) {
      String[] lines = output.strip().split("\n");
      int from = Math.max(0, lines.length - n);
      return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    }
  }

  /** The program could not be started (not installed or not on the PATH). */
  public static final class NotFound extends Exception {
    private static final long serialVersionUID = 1L;

    NotFound(String program, IOException cause) {
      super(program + " is not installed or not on the PATH (" + cause.getMessage() + ")", cause);
    }
  }

  private Command() {}

  /**
   * Runs {@code command} in {@code workDir}, waiting at most {@code timeoutSeconds}.
   *
   * @throws NotFound when the program cannot be started
   */
  public static Result run(
      Path workDir, long timeoutSeconds, Map<String, String> env, List<String> command)
      throws NotFound {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new NotFound(command.get(0), e);
    }
    String line = String.join(" ", command);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
              } catch (IOException ignored) {
                // the process died; its exit code tells the story
              }
            },
            "output of " + command.get(0));
    reader.setDaemon(true);
    reader.start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        reader.join(1000);
        return new Result(
            line,
            -1,
            out.toString(StandardCharsets.UTF_8) + "\n(timed out after " + timeoutSeconds + " s)");
      }
      reader.join(5000);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Result(line, -1, "(interrupted)");
    }
    return new Result(line, p.exitValue(), out.toString(StandardCharsets.UTF_8));
  }
}
