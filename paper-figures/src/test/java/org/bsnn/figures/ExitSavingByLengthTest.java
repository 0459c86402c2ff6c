package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claim 5's summary line with early-exit experiments whose fixed-T runs differ in length. */
class ExitSavingByLengthTest {

  @TempDir Path tmp;

  private final ExperimentResults exit = ExperimentResults.of("exit", TestRows.exitSweep());
  private final ExperimentResults fixed = ExperimentResults.of("fixed", TestRows.fixedT());

  private EarlyExitSavings savings(double tolerance) {
    RunProvenance exitRun =
        TestRows.provenance("exit", "", TestRows.jobs(exit.rows(), TestRows::exitSettings));
    RunProvenance fixedRun =
        TestRows.provenance("fixed", "", TestRows.jobs(fixed.rows(), TestRows::fixedTSettings));
    return new EarlyExitSavings(
        exit, new ExitReferences(List.of(exit, fixed), List.of(exitRun, fixedRun)), tolerance);
  }

  @Test
  void bestSavingPerPrecisionWithinTheTolerance() {
    EarlyExitSavings s = savings(1.0);
    // TestRows.exitSweep: FP threshold 20 is within 1 pt and saves 100 / 8 = 12.5; threshold 40
    // (+4.5 pt) only ≥ 2. Binary threshold 10 saves 150 / 50 = 3; threshold 20 is 7 pt below.
    assertEquals(
        "FP SNN 12.50 ± 0.00× (threshold 20: 8.0 ± 0.0 vs 100.0 ± 0.0 timesteps); "
            + "binary SNN 3.00 ± 0.00× (threshold 10: 50.0 ± 0.0 vs 150.0 ± 0.0 timesteps)",
        s.bestSavings());
    assertEquals(TestRows.FP_FIXED_T.length, s.referenceLast());
  }

  @Test
  void aPrecisionWithoutAThresholdWithinTheToleranceSaysSo() {
    // with 0.1 pt only FP threshold 40 (+4.5 pt) is within: its fixed-T run never gets there
    assertEquals(
        "FP SNN ≥ 2.00 ± 0.00× (threshold 40: 100.0 ± 0.0 vs > 200 timesteps); "
            + "binary SNN none within 0.1 pt of the ANN",
        savings(0.1).bestSavings());
  }

  private static ReportSummary summary(int quickLength, int studyLength) {
    ReportSummary s = new ReportSummary(1.0, 200);
    s.add(
        new ReportSummary.Evidence(
            "quick-exit",
            "",
            1,
            0,
            List.of(
                new ClaimVerdict(
                    5, ClaimVerdict.Outcome.DOES_NOT_HOLD, "Claim 5", "FP SNN", "1.5×."))));
    s.addExitSaving(new ReportSummary.ExitSaving("quick-exit", quickLength, "FP SNN 1.50×"));
    s.addExitSaving(new ReportSummary.ExitSaving("width-exit", studyLength, "FP SNN 4.00×"));
    return s;
  }

  @Test
  void savingsOfFixedTRunsOfDifferentLengthsStandSideBySideShortestFirst() {
    String line = summary(200, 400).lines().get(4);
    assertTrue(
        line.endsWith(
            " The best saving within the tolerance by length of the fixed-T run: `quick-exit` "
                + "(fixed-T up to 200 timesteps): FP SNN 1.50×; `width-exit` (fixed-T up to 400 "
                + "timesteps): FP SNN 4.00×."),
        line);
    String reversed = summary(400, 200).lines().get(4);
    assertTrue(
        reversed.contains(
            "`width-exit` (fixed-T up to 200 timesteps): FP SNN 4.00×; `quick-exit` (fixed-T up to 400"),
        reversed);
  }

  @Test
  void savingsOfOneLengthAddNothing() {
    String line = summary(200, 200).lines().get(4);
    assertFalse(line.contains("by length of the fixed-T run"), line);
  }

  /** The rows under another experiment name, fixed-T series extended to {@code last} timesteps. */
  private static List<ResultRow> as(String experiment, List<ResultRow> rows, int last) {
    List<ResultRow> out = new ArrayList<>();
    for (ResultRow r : rows) {
      out.add(copy(r, experiment, r.timestep(), r.value()));
      if (r.metric().equals("snn-accuracy") && r.timestep().orElse(0) == 200) {
        for (int t = 201; t <= last; t++) {
          out.add(copy(r, experiment, OptionalInt.of(t), r.value()));
        }
      }
    }
    return out;
  }

  private static ResultRow copy(ResultRow r, String experiment, OptionalInt t, double value) {
    return new ResultRow(
        experiment,
        r.variant(),
        r.seed(),
        r.stage(),
        r.metric(),
        t,
        value,
        r.unit(),
        r.runId(),
        r.configHash(),
        r.workbenchVersion(),
        r.params());
  }

  /**
   * A run folder: results.csv, config.yaml with the name, provenance.json with one job per variant
   * and seed whose simulate stage runs {@code timesteps}, with early exit for exit rows.
   */
  private Path run(String experiment, List<ResultRow> rows, int timesteps) throws IOException {
    Path dir = tmp.resolve(experiment);
    Files.createDirectories(dir);
    ResultsCsv.write(dir.resolve("results.csv"), rows);
    Files.writeString(dir.resolve("config.yaml"), "name: " + experiment + "\nseeds: [0, 1]\n");
    List<String> jobs = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (ResultRow r : rows) {
      if (!seen.add(r.variant() + "|" + r.seed())) {
        continue;
      }
      String binarize = r.params().get("binarize");
      String threshold = r.params().get(TestRows.THRESHOLD);
      List<String> stages = new ArrayList<>();
      stages.add(stage("dataset", "synthetic", "{}"));
      stages.add(stage("model", "mlp", "{\"hidden\": [64]}"));
      stages.add(stage("train", "sgd", "{\"epochs\": 2}"));
      if (!binarize.equals("none")) {
        stages.add(stage("binarize", binarize, "{}"));
      }
      stages.add(stage("normalize", "percentile", "{\"percentile\": 99.9}"));
      stages.add(stage("convert", "if-neuron", "{\"reset\": \"SUBTRACT\"}"));
      if (threshold != null) {
        stages.add(stage("optimize", "early-exit", "{\"threshold\": " + threshold + "}"));
      }
      stages.add(stage("simulate", "time-stepped", "{\"timesteps\": " + timesteps + "}"));
      jobs.add(
          "{\"variant\": \""
              + r.variant()
              + "\", \"seed\": "
              + r.seed()
              + ", \"stages\": ["
              + String.join(", ", stages)
              + "]}");
    }
    Files.writeString(
        dir.resolve(RunProvenance.PROVENANCE),
        "{\"run\": {}, \"jobs\": [" + String.join(", ", jobs) + "]}");
    return dir;
  }

  private static String stage(String stage, String plugin, String config) {
    return "{\"stage\": \""
        + stage
        + "\", \"plugin\": \""
        + plugin
        + "\", \"version\": \"0.1\", \"config\": "
        + config
        + "}";
  }

  @Test
  void theReportSetsTheSavingOfTheLongerFixedTRunBesideTheShorterOne() throws Exception {
    List<Path> runs =
        List.of(
            run("short-fixed", as("short-fixed", TestRows.fixedT(), 200), 200),
            run("short-exit", as("short-exit", TestRows.exitSweep(), 200), 200),
            run("long-fixed", as("long-fixed", TestRows.fixedT(), 400), 400),
            run("long-exit", as("long-exit", TestRows.exitSweep(), 400), 400));
    ReportWriter writer =
        new ReportWriter(ReportWriter.Options.DEFAULTS, new FigureCatalog(List.of()));
    String md = Files.readString(writer.write(runs, tmp.resolve("out")).markdown());
    String summary = md.substring(md.indexOf("# Summary"), md.indexOf("# Experiment"));
    String best =
        "FP SNN 12.50 ± 0.00× (threshold 20: 8.0 ± 0.0 vs 100.0 ± 0.0 timesteps); "
            + "binary SNN 3.00 ± 0.00× (threshold 10: 50.0 ± 0.0 vs 150.0 ± 0.0 timesteps)";
    assertTrue(
        summary.contains(
            "The best saving within the tolerance by length of the fixed-T run: `short-exit` "
                + "(fixed-T up to 200 timesteps): "
                + best
                + "; `long-exit` (fixed-T up to 400 timesteps): "
                + best
                + "."),
        summary);
  }
}
