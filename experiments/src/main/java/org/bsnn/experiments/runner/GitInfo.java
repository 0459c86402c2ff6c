package org.bsnn.experiments.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit and dirty flag of the workbench checkout, for provenance and run directory names.
 *
 * @param commit full hash, or "unknown" outside a checkout
 * @param dirty whether tracked files differ from the commit
 */
public record GitInfo(String commit, boolean dirty) {

  /** Reads the state of the checkout at {@code home}; never fails. */
  public static GitInfo read(Path home) {
    String commit = run(home, "git", "rev-parse", "HEAD");
    if (commit == null || commit.isBlank()) {
      return new GitInfo("unknown", false);
    }
    String status = run(home, "git", "status", "--porcelain", "--untracked-files=no");
    return new GitInfo(commit.trim(), status != null && !status.isBlank());
  }

  /** The first 7 characters of the commit ("unknown" stays as is). */
  public String shortCommit() {
    return commit.length() >= 7 && !commit.equals("unknown") ? commit.substring(0, 7) : commit;
  }

  /** The code version written in every result row, e.g. "0.1.0-SNAPSHOT+3f2a9c1-dirty". */
  public String codeVersion(String workbenchVersion) {
    return workbenchVersion + "+" + shortCommit() + (dirty ? "-dirty" : "");
  }

  private static String run(Path dir, String... command) {
    try {
      Process p =
          new ProcessBuilder(List.of(command))
              .directory(dir.toFile())
              .redirectErrorStream(false)
              .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return null;
      }
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
