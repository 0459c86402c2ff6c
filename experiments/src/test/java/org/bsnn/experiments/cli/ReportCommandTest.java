package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;
import org.bsnn.experiments.runner.ConsoleLog;
import org.bsnn.experiments.runner.ExperimentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

  @TempDir Path dir;
  final CliRun cli = new CliRun();

  @Test
  void writesMarkdownHtmlAndFiguresIntoTheRunsReportFolder() throws Exception {
    Path run = FiguresCommandTest.runDir(dir, "run", FiguresCommandTest.rows("exp", 0));
    assertEquals(0, cli.run("report", run.toString()), cli.err());
    Path md = run.resolve("report").resolve("report.md");
    assertTrue(Files.isRegularFile(run.resolve("report").resolve("report.html")));
    assertTrue(
        Files.isRegularFile(
            run.resolve("report").resolve("figures").resolve("exp_accuracy-vs-timestep.png")));
    String text = Files.readString(md);
    assertTrue(text.contains("| ? | ? | - | 1 | 90.00 | 88.00 | 87.00 | 87.00 |"), text);
    assertTrue(text.contains("**Does not hold at this scale:** Claim 1"), text);
    assertTrue(cli.out().contains(md.toString()), cli.out());
  }

  @Test
  void severalSeedsWithOutAndATolerance() throws Exception {
    List<ResultRow> both = new ArrayList<>(FiguresCommandTest.rows("exp", 0));
    Path a = FiguresCommandTest.runDir(dir, "seed0", both);
    Path b = FiguresCommandTest.runDir(dir, "seed1", FiguresCommandTest.rows("exp", 1));
    Path outDir = dir.resolve("out");
    assertEquals(
        0,
        cli.run(
            "report", a.toString(), b.toString(), "--out", outDir.toString(), "--tolerance", "5"),
        cli.err());
    String text = Files.readString(outDir.resolve("report.md"));
    assertTrue(text.contains("| ? | ? | - | 2 | 90.00 ± 0.00 | 88.00 ± 0.00 |"), text);
    assertTrue(text.contains("**Holds:** Claim 1"), text);
  }

  @Test
  void badInputIsExitCode2() throws Exception {
    assertEquals(BsnnCli.BAD_INPUT, cli.run("report", dir.resolve("missing").toString()));
    assertTrue(cli.err().contains("does not exist"), cli.err());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(BsnnCli.BAD_INPUT, cli.run("report", empty.toString()));
    assertTrue(cli.err().contains("has no results.csv"), cli.err());
  }

  @Test
  void resultsWithoutAccuracyAreExitCode2() throws Exception {
    List<ResultRow> rows = new ArrayList<>();
    for (ResultRow r : FiguresCommandTest.rows("exp", 0)) {
      if (r.metric().equals("snn-accuracy")) {
        rows.add(r);
      }
    }
    Path run = FiguresCommandTest.runDir(dir, "run", rows);
    assertEquals(BsnnCli.BAD_INPUT, cli.run("report", run.toString()));
    assertTrue(cli.err().contains("has neither ann-accuracy nor snn-final-accuracy"), cli.err());
  }

  @Test
  void negativeToleranceIsAUsageError() throws Exception {
    Path run = FiguresCommandTest.runDir(dir, "run", FiguresCommandTest.rows("exp", 0));
    assertEquals(2, cli.run("report", run.toString(), "--tolerance", "-1"));
    assertTrue(cli.err().contains("tolerance must be >= 0"), cli.err());
  }

  /**
   * One run of an experiment with {@code seeds: [0, 1, 2]}: the report groups the rows that differ
   * only by seed into one table row per variant pair, with mean ± sample std computed here from the
   * run's own results.csv, and the accuracy figure's caption says it shows mean ± 1 std.
   */
  @Test
  void oneRunWithSeveralSeedsIsReportedAsMeanAndStd() throws Exception {
    Path file = dir.resolve("seeds.yaml");
    Files.writeString(
        file,
        """
        name: seeds
        seeds: [0, 1, 2]
        defaults:
          dataset: test-blobs
          model: mlp
          train: random-features
          normalize: max-activation
          convert: if-neuron
          simulate: time-stepped
          evaluate: [ann-accuracy, accuracy-vs-timestep]
        dataset: {perClass: 20, classes: 3}
        model: {hidden: [8]}
        simulate: {timesteps: 20, batchSize: 60}
        sweep:
          binarize: [none, xnor-bwn]
        """);
    ConsoleLog log =
        new ConsoleLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
    ExperimentRunner runner =
        new ExperimentRunner(
            new ExperimentRunner.Settings(
                dir, dir.resolve("results"), dir.resolve("conf"), Optional.empty()),
            PluginRegistry.discover(),
            log,
            Clock.systemUTC());
    Path runDir = runner.run(runner.plan(file, List.of(), List.of())).runDirectory();
    List<ResultRow> rows = ResultsCsv.read(runDir.resolve("results.csv"));

    assertEquals(0, cli.run("report", runDir.toString()), cli.err());
    String md = Files.readString(runDir.resolve("report").resolve("report.md"));
    String expected =
        "| test-blobs | mlp | - | 3 | "
            + meanStd(rows, "binarize=none", "ann-accuracy")
            + " | "
            + meanStd(rows, "binarize=xnor-bwn", "ann-accuracy")
            + " | "
            + meanStd(rows, "binarize=none", "snn-final-accuracy")
            + " | "
            + meanStd(rows, "binarize=xnor-bwn", "snn-final-accuracy")
            + " |";
    assertTrue(md.contains(expected), expected + "\n" + md);
    assertEquals(1, md.lines().filter(l -> l.startsWith("| test-blobs |")).count(), md);
    assertTrue(md.contains("3 seeds (0, 1, 2)"), md);
    assertTrue(md.contains("mean ± 1 std over seeds"), md);
  }

  /**
   * "mean ± sample std" in percent with 2 decimals over the seeds of a scalar metric, computed
   * here.
   */
  private static String meanStd(List<ResultRow> rows, String variant, String metric) {
    double[] v =
        rows.stream()
            .filter(r -> r.variant().equals(variant) && r.metric().equals(metric))
            .mapToDouble(r -> 100 * r.value())
            .toArray();
    assertEquals(3, v.length, variant + " " + metric + " per seed");
    double mean = (v[0] + v[1] + v[2]) / 3;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return String.format(Locale.ROOT, "%.2f ± %.2f", mean, Math.sqrt(ss / 2));
  }
}
