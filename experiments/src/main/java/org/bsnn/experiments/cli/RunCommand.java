package org.bsnn.experiments.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bsnn.experiments.runner.ConsoleLog;
import org.bsnn.experiments.runner.ExperimentRunner;
import org.bsnn.experiments.runner.ResolvedJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bsnn run FILE [overrides]}: composes, validates and runs an experiment. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run an experiment file.",
      "Overrides: group=option, group.key=value, group.option.key=value (list groups), seed=N.",
      "Everything is validated before any computation."
    })
public final class RunCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "Experiment YAML, e.g. experiments/smoke/pipeline.yaml.")
  Path file;

  @Parameters(
      index = "1..*",
      paramLabel = "OVERRIDE",
      description = "Overrides such as normalize.percentile=99.9.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "-m",
      paramLabel = "KEY=A,B",
      description = "Sweep a key over values (repeatable).")
  List<String> multirun = new ArrayList<>();

  @Option(names = "--dry-run", description = "Compose and validate, print the jobs, and stop.")
  boolean dryRun;

  @Option(
      names = "--resume",
      arity = "0..1",
      fallbackValue = "latest",
      paramLabel = "RUN_DIR",
      description =
          "Continue an interrupted run (default: the newest one with the same configuration); completed jobs are skipped; a complete run is left as it is.")
  String resume;

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      description = "Results folder (default: results/ in the workbench).")
  Path resultsDir;

  @Option(
      names = "--executor",
      paramLabel = "NAME",
      description =
          "Where the jobs run: local (default, this process) or spark; overrides the file's executor.")
  String executor;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master: local[N], spark://HOST:PORT (implies --executor spark).")
  String master;

  @Option(
      names = "--shards",
      paramLabel = "N",
      description =
          "Split each job's simulation into N Spark tasks (jobs then run one after another here).")
  Integer shards;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ConsoleLog log = new ConsoleLog(System.err, Clock.systemUTC());
    ExperimentRunner runner = BsnnCli.of(spec).runner(resultsDir, Optional.ofNullable(resume), log);
    ExperimentRunner.Plan plan = runner.plan(file, overrides, multirun);
    ExperimentRunner.Plan chosen = plan;
    plan =
        CliOptions.build(
            spec, () -> chosen.withExecutor(chosen.executor().with(executor, master, shards)));
    if (dryRun) {
      System.out.println(
          "experiment "
              + plan.experiment().name()
              + ": "
              + plan.jobs().size()
              + " job(s), all valid");
      for (ResolvedJob job : plan.jobs()) {
        System.out.println(
            "  job "
                + job.spec().index()
                + " ["
                + job.spec().variant()
                + ", seed "
                + job.spec().seed()
                + ", config "
                + job.configHash()
                + "]");
      }
      System.out.println();
      System.out.print(plan.configYaml());
      return 0;
    }
    try (log) {
      ExperimentRunner.Summary summary = runner.run(plan);
      System.out.println(summary.runDirectory().resolve("results.csv"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return 0;
  }
}
