package org.bsnn.plugins.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark executor in Spark's local mode (tasks on threads of this JVM, still serialised): the
 * smoke sweep as one task per job and as sharded simulations gives the local run's results.csv byte
 * for byte; bad executor settings are clear errors that leave no run folder.
 */
class SparkLocalModeTest {

  @TempDir static Path results;

  private static byte[] local;

  @BeforeAll
  static void localRun() throws Exception {
    CliRuns.Result r = CliRuns.run(CliRuns.SMOKE, results.resolve("local"));
    assertEquals(0, r.code(), r.err());
    local = CliRuns.results(results.resolve("local"), "smoke-pipeline");
  }

  @Test
  void oneTaskPerJobGivesTheLocalResults() throws Exception {
    Path dir = results.resolve("sweep");
    CliRuns.Result r =
        CliRuns.run(CliRuns.SMOKE, dir, "--executor", "spark", "--master", "local[2]");
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(local, CliRuns.results(dir, "smoke-pipeline"));
    Path run = CliRuns.runDirs(dir, "smoke-pipeline").get(0);
    // the artefacts a job wrote on its worker are in the run folder, written by the driver
    assertTrue(Files.isDirectory(run.resolve("jobs/0/network")), "job 0's network");
    assertTrue(Files.isRegularFile(run.resolve("jobs/1/provenance.json")));
  }

  @Test
  void shardedSimulationGivesTheLocalResults() throws Exception {
    Path dir = results.resolve("sharded");
    CliRuns.Result r = CliRuns.run(CliRuns.SMOKE, dir, "--master", "local[2]", "executor.shards=3");
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(local, CliRuns.results(dir, "smoke-pipeline"));
  }

  @Test
  void unreachableMasterIsAClearErrorAndLeavesNoRunFolder() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    } // closed again: nothing listens there
    Path dir = results.resolve("unreachable");
    CliRuns.Result r =
        CliRuns.run(
            CliRuns.SMOKE, dir, "--executor", "spark", "--master", "spark://127.0.0.1:" + port);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("cannot reach the Spark master at 127.0.0.1:" + port), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertTrue(CliRuns.runDirs(dir, "smoke-pipeline").isEmpty());
  }

  @Test
  void badExecutorSettingsAreUsageErrors() {
    CliRuns.Result noMaster =
        CliRuns.run(CliRuns.SMOKE, results.resolve("bad"), "--executor", "spark");
    assertEquals(2, noMaster.code());
    assertTrue(noMaster.err().contains("the spark executor needs a master"), noMaster.err());
    CliRuns.Result unknown = CliRuns.run(CliRuns.SMOKE, results.resolve("bad"), "executor=hadoop");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown executor 'hadoop'"), unknown.err());
    CliRuns.Result shards =
        CliRuns.run(
            CliRuns.SMOKE, results.resolve("bad"), "--executor", "spark", "executor.shards=0");
    assertEquals(2, shards.code());
    assertTrue(shards.err().contains("executor.shards must be a whole number"), shards.err());
  }
}
