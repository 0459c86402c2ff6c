package org.bsnn.experiments.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.fuzz.FuzzFiles;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.experiments.runner.ExperimentValidator;

/**
 * Fuzzes what {@code bsnn run FILE [key=value ...]} reads before any computation: the experiment
 * YAML, and the command-line overrides applied to a fixed experiment, both composed with the
 * project's option files ({@code experiments/conf}) and validated against the plugins' configs. A
 * result or a {@link UserFacingException} (exit code 2) is fine; any other throwable is a bug.
 * Seeds and found crashes: {@code
 * src/test/resources/org/bsnn/experiments/config/ExperimentFuzzTestInputs/<method>/}.
 */
class ExperimentFuzzTest {

  private static final Path CONF = Path.of("conf").toAbsolutePath();
  private static final Path SMOKE = Path.of("smoke", "pipeline.yaml").toAbsolutePath();
  private static final PluginRegistry PLUGINS = PluginRegistry.discover();

  /** The bytes are the experiment file. */
  @FuzzTest(maxDuration = "45s")
  void yaml(byte[] data) {
    load(FuzzFiles.write("experiment.yaml", data), List.of());
  }

  /** Each line is one {@code key=value} argument, applied to the smoke experiment. */
  @FuzzTest(maxDuration = "45s")
  void overrides(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    load(SMOKE, text.isEmpty() ? List.of() : List.of(text.split("\n", -1)));
  }

  private static void load(Path file, List<String> overrides) {
    try {
      new ExperimentValidator(PLUGINS)
          .validate(new ExperimentComposer(CONF).compose(file, overrides, List.of()));
    } catch (UserFacingException expected) {
      // a clear message for bad input: the outcome the CLI maps to exit code 2
    }
  }
}
