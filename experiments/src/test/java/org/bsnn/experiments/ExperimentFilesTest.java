package org.bsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.experiments.runner.ConsoleLog;
import org.bsnn.experiments.runner.ExperimentRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed experiment file composes and validates (a dry run: no data, no compute). */
class ExperimentFilesTest {

  /** The checkout root: surefire runs in the module folder. */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("experiments")) && Files.exists(here.resolve("bsnn"))
        ? here
        : here.getParent();
  }

  static Stream<Path> experimentFiles() throws IOException {
    Path dir = root().resolve("experiments");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files =
          walk.filter(p -> p.toString().endsWith(".yaml"))
              .filter(
                  p ->
                      !p.startsWith(dir.resolve("conf"))
                          && !p.toString().contains("/src/")
                          && !p.toString().contains("/target/"))
              .sorted()
              .toList();
    }
    assertFalse(files.isEmpty(), "no experiment files under " + dir);
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("experimentFiles")
  void composesAndValidates(Path file) {
    ConsoleLog log =
        new ConsoleLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
    ExperimentRunner runner =
        new ExperimentRunner(
            new ExperimentRunner.Settings(
                root(),
                root().resolve("results"),
                root().resolve("experiments").resolve("conf"),
                Optional.empty()),
            PluginRegistry.discover(),
            log,
            Clock.systemUTC());
    assertFalse(runner.plan(file, List.of(), List.of()).jobs().isEmpty());
  }
}
