package org.bsnn.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.experiments.runner.ConsoleLog;
import org.bsnn.experiments.runner.ExperimentRunner;
import org.bsnn.api.util.UserFacingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code bsnn} command line: run, show, plugins, diff, figures, report, data. */
@Command(
    name = "bsnn",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "BSNN Workbench: reproduce and extend experiments on binary and spiking neural networks.",
    subcommands = {RunCommand.class, ShowCommand.class, PluginsCommand.class, DiffCommand.class, FiguresCommand.class,
        ReportCommand.class, DataCommand.class, BenchCommand.class})
public final class BsnnCli implements Runnable {

  /** Exit code for bad input (config, data, arguments). */
  public static final int BAD_INPUT = 2;
  /** Exit code for an unexpected internal error. */
  public static final int INTERNAL_ERROR = 3;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The workbench checkout: system property {@code bsnn.home} (set by ./bsnn), else the working directory. */
  static Path home() {
    return Path.of(System.getProperty("bsnn.home", ".")).toAbsolutePath().normalize();
  }

  /**
   * A runner for this checkout: option files in {@code experiments/conf}, results in
   * {@code resultsDir} (default {@code results/}), plugins from the class path.
   */
  static ExperimentRunner runner(Path resultsDir, Optional<String> resume, ConsoleLog log) {
    Path home = home();
    ExperimentRunner.Settings settings = new ExperimentRunner.Settings(home,
        resultsDir != null ? resultsDir.toAbsolutePath() : home.resolve("results"),
        home.resolve("experiments").resolve("conf"), resume);
    return new ExperimentRunner(settings, PluginRegistry.discover(), log, Clock.systemUTC());
  }

  /** Builds the command line with the project's error handling. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BsnnCli());
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean debug = parseResult.matchedOptionValue("--debug", false)
          || parseResult.subcommands().stream().anyMatch(p -> p.matchedOptionValue("--debug", false));
      PrintWriter err = commandLine.getErr();
      Throwable cause = ex;
      while (!(cause instanceof UserFacingException) && cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      if (cause instanceof UserFacingException user) {
        err.println("error: " + user.getMessage());
        if (debug) {
          ex.printStackTrace(err);
        }
        err.flush();
        return BAD_INPUT;
      }
      err.println("internal error: " + ex + (debug ? "" : " (rerun with --debug for the stack trace)"));
      if (debug) {
        ex.printStackTrace(err);
      }
      err.flush();
      return INTERNAL_ERROR;
    });
    return cli;
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
