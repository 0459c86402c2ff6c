package org.bsnn.experiments.cli;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.bsnn.api.data.DataStatus;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.stage.DatasetSource;
import org.bsnn.api.stage.StageKind;
import org.bsnn.experiments.runner.ConsoleLog;
import org.bsnn.experiments.runner.StandaloneContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bsnn data list|fetch}: what data is present, and fetching it. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "List or fetch datasets.",
    subcommands = {DataCommand.ListData.class, DataCommand.Fetch.class})
public final class DataCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Creates a dataset plugin with its default config. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static DatasetSource source(PluginRegistry registry, String id) {
    PluginProvider provider = registry.get(StageKind.DATASET, id);
    return (DatasetSource) provider.create(provider.defaults());
  }

  /** {@code bsnn data list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Show every dataset: files, where they are, checksum status.")
  static final class ListData implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PluginRegistry registry = BsnnCli.of(spec).registry();
      for (String id : registry.ids(StageKind.DATASET)) {
        DataStatus status = source(registry, id).status();
        System.out.println(id + ": " + (status.ready() ? "ready" : "not ready"));
        for (DataStatus.FileStatus f : status.files()) {
          System.out.println(
              "  "
                  + f.state().name().toLowerCase(java.util.Locale.ROOT)
                  + "  "
                  + f.path()
                  + (f.sha256().isEmpty() ? "" : "  sha256 " + f.sha256()));
        }
        if (!status.ready() && !status.howToGet().isEmpty()) {
          System.out.println("  to get it: " + status.howToGet());
        }
      }
      return 0;
    }
  }

  /** {@code bsnn data fetch NAME...}. */
  @Command(
      name = "fetch",
      mixinStandardHelpOptions = true,
      description = "Download, extract and verify datasets.")
  static final class Fetch implements Callable<Integer> {
    @Parameters(
        arity = "1..*",
        paramLabel = "NAME",
        description = "Dataset ids, e.g. fashion-mnist mnist.")
    List<String> names;

    @Option(
        names = "--allow-unverified",
        description = "Accept files whose SHA-256 differs from the recorded one.")
    boolean allowUnverified;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PluginRegistry registry = BsnnCli.of(spec).registry();
      ConsoleLog log = new ConsoleLog(System.err, Clock.systemUTC());
      for (String name : names) {
        DatasetSource source = source(registry, name);
        source.fetch(new StandaloneContext(log, "dataset", name), allowUnverified);
        System.out.println(name + ": " + (source.status().ready() ? "ready" : "not ready"));
      }
      return 0;
    }
  }
}
