package org.bsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.stage.StageKind;
import org.bsnn.experiments.runner.ConsoleLog;
import org.bsnn.experiments.runner.ExperimentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that exists only in this test module (test-blobs, registered in the test resources'
 * META-INF/services) is discovered and runs through the whole template with no edit to the runner,
 * the API or any other plugin.
 */
class PluginDiscoveryTest {

  @TempDir Path dir;

  @Test
  void aPluginAddedInATestModuleIsDiscoveredAndRunnable() throws Exception {
    PluginRegistry registry = PluginRegistry.discover();
    assertTrue(registry.ids(StageKind.DATASET).contains("test-blobs"));
    Path file = dir.resolve("e.yaml");
    Files.writeString(
        file,
        """
        name: discovery
        defaults: {dataset: test-blobs, model: mlp, train: random-features, evaluate: [ann-accuracy]}
        dataset: {perClass: 5}
        """);
    ConsoleLog log =
        new ConsoleLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
    ExperimentRunner runner =
        new ExperimentRunner(
            new ExperimentRunner.Settings(
                dir, dir.resolve("results"), dir.resolve("conf"), Optional.empty()),
            registry,
            log,
            Clock.systemUTC());
    ExperimentRunner.Summary summary = runner.run(runner.plan(file, List.of(), List.of()));
    assertEquals(1, summary.rows().size());
    assertEquals("ann-accuracy", summary.rows().get(0).metric());
    assertTrue(summary.rows().get(0).value() > 0.5, "ANN trained on the test plugin's data");
  }
}
