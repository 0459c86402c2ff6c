package org.bsnn.experiments.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bsnn.experiments.runner.ConsoleLog;
import org.bsnn.experiments.runner.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bsnn show FILE [overrides]}: prints the composed, resolved configuration of every job. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Print the composed configuration (defaults filled in) of an experiment, as config.yaml would hold it.")
public final class ShowCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "Experiment YAML.")
  Path file;

  @Parameters(index = "1..*", paramLabel = "OVERRIDE", description = "Overrides, as for run.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "-m",
      paramLabel = "KEY=A,B",
      description = "Sweep a key over values (repeatable).")
  List<String> multirun = new ArrayList<>();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ExperimentRunner runner =
        BsnnCli.of(spec)
            .runner(null, Optional.empty(), new ConsoleLog(System.err, Clock.systemUTC()));
    System.out.print(runner.plan(file, overrides, multirun).configYaml());
    return 0;
  }
}
