package org.bsnn.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.experiments.runner.RunFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bsnn runs [EXPERIMENT] [--latest [N]]}: lists run folders newest first with their status
 * (complete, failed, running, interrupted), commit, seeds and headline numbers; with {@code
 * --latest}, prints only the folders of the newest N complete runs, oldest of them first, for
 * scripts ({@code ./bsnn figures $(./bsnn runs fashion-mnist-vgg-small --latest)}).
 */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    versionProvider = DiffCommand.Version.class,
    description = {
      "Lists the runs under results/runs, newest first: status (complete, failed, running,"
          + " interrupted), commit, seeds and headline numbers (SNN final accuracy per variant, else"
          + " ANN accuracy).",
      "--latest prints only the folders of the newest complete runs, for scripts; failed and"
          + " unfinished runs are skipped.",
      "Exit code: 0, or 2 for bad input (an experiment without runs, no complete run for"
          + " --latest)."
    })
public final class RunsCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "EXPERIMENT",
      description = "Experiment name (the folder under results/runs); default: every experiment.")
  private String experiment;

  @Option(
      names = "--latest",
      arity = "0..1",
      fallbackValue = "1",
      paramLabel = "N",
      description =
          "Print only the folders of the newest N complete runs (default 1), oldest of them first,"
              + " one per line.")
  private Integer latest;

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      description = "Results folder (default: results/ in the workbench).")
  private Path resultsDir;

  @Override
  public Integer call() {
    Path root = resultsDir != null ? resultsDir : BsnnCli.home().resolve("results");
    List<RunFolders.Run> runs =
        RunFolders.list(root.resolve("runs"), Optional.ofNullable(experiment));
    PrintWriter w = spec.commandLine().getOut();
    if (latest != null) {
      if (experiment == null) {
        throw new UserFacingException(
            "--latest needs an experiment name, e.g. bsnn runs fashion-mnist-vgg-small --latest");
      }
      if (latest < 1) {
        throw new UserFacingException("--latest takes a count >= 1, got " + latest);
      }
      List<RunFolders.Run> complete =
          runs.stream().filter(r -> r.status() == RunFolders.Status.COMPLETE).toList();
      if (complete.isEmpty()) {
        throw new UserFacingException(
            "no complete run of '"
                + experiment
                + "' under "
                + root.resolve("runs")
                + " ("
                + runs.size()
                + " failed or unfinished); `bsnn runs "
                + experiment
                + "` lists them");
      }
      List<RunFolders.Run> newest = complete.subList(0, Math.min(latest, complete.size()));
      for (int i = newest.size() - 1; i >= 0; i--) {
        w.println(newest.get(i).dir());
      }
      w.flush();
      return 0;
    }
    if (runs.isEmpty()) {
      w.println("no runs under " + root.resolve("runs"));
      w.flush();
      return 0;
    }
    TextTable table =
        new TextTable(
            List.of("run", "status", "commit", "seeds", "results"),
            TextTable.Align.LEFT,
            TextTable.Align.LEFT,
            TextTable.Align.LEFT,
            TextTable.Align.LEFT,
            TextTable.Align.LEFT);
    for (RunFolders.Run run : runs) {
      String results =
          run.status() == RunFolders.Status.COMPLETE
              ? String.join("; ", run.headline())
              : run.detail();
      table.add(
          List.of(
              root.relativize(run.dir()).toString(),
              run.status().label(),
              run.commit(),
              run.seeds().stream().map(String::valueOf).collect(Collectors.joining(",")),
              results));
    }
    w.print(table.render());
    w.flush();
    return 0;
  }
}
