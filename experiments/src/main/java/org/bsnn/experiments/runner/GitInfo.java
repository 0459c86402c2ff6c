package org.bsnn.experiments.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The git commit and dirty flag of the workbench checkout, for provenance and run directory names.
 *
 * @param commit full hash; "unknown" outside a checkout, or "unknown (git: <why>)" when git refused
 *     to answer (e.g. a checkout owned by another user: git's "dubious ownership"), so provenance
 *     says why the commit is missing instead of looking like a clean build
 * @param dirty whether tracked files differ from the commit; false when the commit is unknown
 */
public record GitInfo(String commit, boolean dirty) {

  private static final String UNKNOWN = "unknown";

  /** Reads the state of the checkout at {@code home}; never fails. */
  public static GitInfo read(Path home) {
    Result head = run(home, "git", "rev-parse", "HEAD");
    if (!head.ok() || head.out().isBlank()) {
      return new GitInfo(
          head.error().isBlank() ? UNKNOWN : UNKNOWN + " (git: " + head.error() + ")", false);
    }
    Result status = run(home, "git", "status", "--porcelain", "--untracked-files=no");
    return new GitInfo(head.out().trim(), status.ok() && !status.out().isBlank());
  }

  /**
   * Why the commit is unknown when git itself refused (not when git is absent or this is no
   * checkout), with what to do: printed once per run as a warning.
   */
  public Optional<String> problem() {
    if (!commit.startsWith(UNKNOWN + " (git: ")) {
      return Optional.empty();
    }
    String why = commit.substring((UNKNOWN + " (git: ").length(), commit.length() - 1);
    return Optional.of(
        "git did not answer ("
            + why
            + "), so the commit is recorded as unknown and the dirty flag as false"
            + (why.contains("dubious ownership")
                ? "; run as the checkout's owner, or mark it safe with git config --global --add"
                    + " safe.directory <checkout>"
                : ""));
  }

  /** The first 7 characters of the commit ("unknown" when it is not known). */
  public String shortCommit() {
    return commit.startsWith(UNKNOWN) || commit.length() < 7 ? UNKNOWN : commit.substring(0, 7);
  }

  /** The code version written in every result row, e.g. "0.1.0-SNAPSHOT+3f2a9c1-dirty". */
  public String codeVersion(String workbenchVersion) {
    return workbenchVersion + "+" + shortCommit() + (dirty ? "-dirty" : "");
  }

  /** A command's exit, standard output and the first line of its standard error. */
  private record Result(boolean ok, String out, String error) {}

  private static Result run(Path dir, String... command) {
    try {
      Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).start();
      p.getOutputStream().close();
      // read standard error alongside, so a chatty git cannot block on a full pipe
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      String out = readAll(p.getInputStream());
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(false, "", "no answer in 10 s");
      }
      return new Result(p.exitValue() == 0, out, firstLine(err.join()));
    } catch (IOException e) {
      return new Result(false, "", ""); // no git: outside a checkout as far as we can tell
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "", "");
    }
  }

  private static String readAll(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The first line, without git's "fatal: " prefix; "" for "not a git repository". */
  private static String firstLine(String stderr) {
    String line = stderr.strip().lines().findFirst().orElse("");
    line = line.startsWith("fatal: ") ? line.substring("fatal: ".length()) : line;
    return line.startsWith("not a git repository") ? "" : line;
  }
}
