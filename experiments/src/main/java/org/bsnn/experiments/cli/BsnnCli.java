package org.bsnn.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.experiments.runner.ConsoleLog;
import org.bsnn.experiments.runner.ExperimentRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code bsnn} command line: run, runs, show, plugins, diff, figures, report, data, bench,
 * import, export-nir. Options shared by every command: {@code --debug}, {@code --verbose}
 * (libraries' output on the terminal; see {@link LibraryOutput}) and {@code --plugin-path} (see
 * {@link PluginPath}).
 */
@Command(
    name = "bsnn",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "BSNN Workbench: reproduce and extend experiments on binary and spiking neural networks.",
    subcommands = {
      RunCommand.class,
      RunsCommand.class,
      ShowCommand.class,
      PluginsCommand.class,
      DiffCommand.class,
      FiguresCommand.class,
      ReportCommand.class,
      DataCommand.class,
      BenchCommand.class,
      ImportCommand.class,
      ExportNirCommand.class
    })
public final class BsnnCli implements Runnable {

  /** Exit code for bad input (config, data, arguments). */
  public static final int BAD_INPUT = 2;

  /** Exit code for an unexpected internal error. */
  public static final int INTERNAL_ERROR = 3;

  @Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "Also show the libraries' own output: ND4J's start-up information and SameDiff's messages.")
  boolean verbose;

  @Option(
      names = "--plugin-path",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "PATH",
      description =
          "Plugin jars, or folders of jars, separated by ':' (repeatable); read after plugins.d/ and "
              + PluginPath.ENV
              + ".")
  List<String> pluginPath = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Set by {@link #main}: only in a process of its own are the libraries' logging and standard
   * output quietened and the plugin loader made the context class loader (in-process callers, such
   * as tests, keep theirs).
   */
  private boolean ownsProcess;

  private PluginPath plugins;
  private ClassLoader pluginLoader;
  private PluginRegistry registry;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The workbench checkout: system property {@code bsnn.home} (set by ./bsnn), else the working
   * directory.
   */
  static Path home() {
    return Path.of(System.getProperty("bsnn.home", ".")).toAbsolutePath().normalize();
  }

  /** The top-level command of a (sub)command, which holds the options shared by all commands. */
  static BsnnCli of(CommandLine.Model.CommandSpec spec) {
    return (BsnnCli) spec.root().userObject();
  }

  /** The plugin path: {@code plugins.d/}, {@code BSNN_PLUGIN_PATH}, {@code --plugin-path}. */
  synchronized PluginPath plugins() {
    if (plugins == null) {
      plugins = PluginPath.resolve(home(), System.getenv(PluginPath.ENV), pluginPath);
    }
    return plugins;
  }

  /**
   * The class loader of plugins and benchmarks: the workbench's class path plus the plugin path. In
   * the CLI's own process it also becomes the context class loader, so that plugins that look up
   * services or resources themselves find their own jars.
   */
  synchronized ClassLoader pluginLoader() {
    if (pluginLoader == null) {
      pluginLoader = plugins().loader(BsnnCli.class.getClassLoader());
      if (ownsProcess) {
        Thread.currentThread().setContextClassLoader(pluginLoader);
      }
    }
    return pluginLoader;
  }

  /** Every plugin on the class path and the plugin path; a broken jar is a user error naming it. */
  synchronized PluginRegistry registry() {
    if (registry == null) {
      registry = PluginRegistry.discover(pluginLoader());
    }
    return registry;
  }

  /**
   * A runner for this checkout: option files in {@code experiments/conf}, results in {@code
   * resultsDir} (default {@code results/}), plugins from the class path and the plugin path.
   */
  ExperimentRunner runner(Path resultsDir, Optional<String> resume, ConsoleLog log) {
    Path home = home();
    ExperimentRunner.Settings settings =
        new ExperimentRunner.Settings(
            home,
            resultsDir != null ? resultsDir.toAbsolutePath() : home.resolve("results"),
            home.resolve("experiments").resolve("conf"),
            resume);
    return new ExperimentRunner(settings, registry(), log, Clock.systemUTC(), pluginLoader());
  }

  /** Builds the command line with the project's error handling. */
  public static CommandLine commandLine() {
    BsnnCli root = new BsnnCli();
    CommandLine cli = new CommandLine(root);
    cli.setExecutionStrategy(
        parseResult -> {
          if (root.ownsProcess) {
            LibraryOutput.configure(
                root.verbose); // after parsing (--verbose), before any library logs
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean debug =
              parseResult.matchedOptionValue("--debug", false)
                  || parseResult.subcommands().stream()
                      .anyMatch(p -> p.matchedOptionValue("--debug", false));
          PrintWriter err = commandLine.getErr();
          Throwable cause = ex;
          while (!(cause instanceof UserFacingException)
              && cause.getCause() != null
              && cause.getCause() != cause) {
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
          err.println(
              "internal error: " + ex + (debug ? "" : " (rerun with --debug for the stack trace)"));
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
    CommandLine cli = commandLine();
    ((BsnnCli) cli.getCommand()).ownsProcess = true;
    System.exit(cli.execute(args));
  }
}
