package org.bsnn.plugins.spark;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bsnn.experiments.cli.BsnnCli;
import picocli.CommandLine;

/** Runs the {@code bsnn} command line in this process, as the tests' driver. */
final class CliRuns {
  private CliRuns() {}

  /** The workbench checkout (the tests run in plugins/spark). */
  static final Path HOME = Path.of("").toAbsolutePath().getParent().getParent();

  /** The smoke experiment: two jobs on generated data. */
  static final Path SMOKE = HOME.resolve("experiments/smoke/pipeline.yaml");

  static {
    System.setProperty("bsnn.home", HOME.toString());
  }

  /**
   * What a command printed and returned.
   *
   * @param code exit code
   * @param out standard output of picocli
   * @param err its error output
   */
  record Result(int code, String out, String err) {}

  /** Runs {@code bsnn ARGS}. */
  static Result bsnn(String... args) {
    CommandLine cli = BsnnCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** {@code bsnn run FILE --results-dir DIR EXTRA...}. */
  static Result run(Path file, Path results, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", file.toString(), "--results-dir"));
    args.add(results.toString());
    args.addAll(List.of(extra));
    return bsnn(args.toArray(String[]::new));
  }

  /** The run directories under a results folder, oldest first. */
  static List<Path> runDirs(Path results, String experiment) throws java.io.IOException {
    Path parent = results.resolve("runs").resolve(experiment);
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(parent)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** The results.csv of the only (or newest) run. */
  static byte[] results(Path results, String experiment) throws java.io.IOException {
    List<Path> dirs = runDirs(results, experiment);
    return Files.readAllBytes(dirs.get(dirs.size() - 1).resolve("results.csv"));
  }
}
