package org.bsnn.api.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A python3 script given as lines, for tests that check files against NumPy; run(args) fails the
 * test unless it exits with 0.
 */
record PythonScript(String source) {

  /** Skips the calling test unless python3 with numpy can be started. */
  static void assumeNumpy() {
    boolean ok;
    try {
      Process p =
          new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    }
    Assumptions.assumeTrue(ok, "python3 with numpy is not available");
  }

  /** The script whose source is the given lines joined by newlines. */
  static PythonScript python(String... lines) {
    return new PythonScript(String.join("\n", lines));
  }

  /**
   * Runs {@code python3 -c source args...}; fails the test on a timeout or a non-zero exit, showing
   * the output.
   */
  void run(Path... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("python3", "-c", source));
    for (Path a : args) {
      cmd.add(a.toString());
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
    assertEquals(0, p.exitValue(), "python failed:\n" + out);
  }
}
