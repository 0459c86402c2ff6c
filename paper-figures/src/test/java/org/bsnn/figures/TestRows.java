package org.bsnn.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.bsnn.api.results.ResultRow;

/** Small synthetic result sets for the tests, built in code so every number is known. */
final class TestRows {

  final List<ResultRow> rows = new ArrayList<>();
  private final String experiment;

  TestRows(String experiment) {
    this.experiment = experiment;
  }

  static TreeMap<String, String> params(String... keyValues) {
    TreeMap<String, String> p = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  static String variant(TreeMap<String, String> params) {
    if (params.isEmpty()) {
      return "base";
    }
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(";", parts);
  }

  TestRows scalar(
      TreeMap<String, String> params,
      long seed,
      String stage,
      String metric,
      double value,
      String unit) {
    rows.add(
        new ResultRow(
            experiment,
            variant(params),
            seed,
            stage,
            metric,
            OptionalInt.empty(),
            value,
            unit,
            "run" + seed,
            "cfg",
            "0.1.0-test",
            params));
    return this;
  }

  TestRows scalar(TreeMap<String, String> params, long seed, String metric, double value) {
    return scalar(params, seed, "evaluate", metric, value, "fraction");
  }

  TestRows series(
      TreeMap<String, String> params, long seed, String metric, double[] values, String unit) {
    for (int t = 0; t < values.length; t++) {
      rows.add(
          new ResultRow(
              experiment,
              variant(params),
              seed,
              "evaluate",
              metric,
              OptionalInt.of(t + 1),
              values[t],
              unit,
              "run" + seed,
              "cfg",
              "0.1.0-test",
              params));
    }
    return this;
  }

  /** A rising accuracy curve towards {@code top}, a little lower for higher offsets. */
  static double[] curve(int timesteps, double top, double tau) {
    double[] a = new double[timesteps];
    for (int t = 0; t < timesteps; t++) {
      a[t] = Math.round((0.1 + (top - 0.1) * (1 - Math.exp(-(t + 1) / tau))) * 10000) / 10000.0;
    }
    return a;
  }

  /**
   * The headline experiment: FP and binary, three seeds, 40 timesteps, ANN and SNN accuracy,
   * timesteps to within 0.5/1 pt, spikes in three layers, a 3-class SNN confusion matrix and
   * energy.
   *
   * <p>ANN accuracy: FP 0.90, 0.91, 0.92 (mean 0.91, std 0.01); binary 0.88, 0.88, 0.88. SNN final
   * accuracy: FP 0.905, 0.905, 0.905; binary 0.85, 0.86, 0.87 (mean 0.86, std 0.01).
   * timesteps-to-within[0.5 pt]: FP 20, 22, 24 (mean 22, std 2); binary NaN for all seeds.
   * timesteps-to-within[1.0 pt]: FP 10, 12, 14; binary 30, NaN, 34.
   */
  static List<ResultRow> headline() {
    TestRows r = new TestRows("synth");
    TreeMap<String, String> fp = params("binarize", "none");
    TreeMap<String, String> bin = params("binarize", "xnor-bwn");
    double[] annFp = {0.90, 0.91, 0.92};
    double[] snnBin = {0.85, 0.86, 0.87};
    double[] within05 = {20, 22, 24};
    double[] within1Bin = {30, Double.NaN, 34};
    for (int s = 0; s < 3; s++) {
      r.scalar(fp, s, "ann-accuracy", annFp[s]);
      r.scalar(bin, s, "ann-accuracy", 0.88);
      r.scalar(fp, s, "snn-final-accuracy", 0.905);
      r.scalar(bin, s, "snn-final-accuracy", snnBin[s]);
      r.scalar(fp, s, "evaluate", "timesteps-to-within[0.5 pt]", within05[s], "timesteps");
      r.scalar(bin, s, "evaluate", "timesteps-to-within[0.5 pt]", Double.NaN, "timesteps");
      r.scalar(fp, s, "evaluate", "timesteps-to-within[1.0 pt]", 10 + 2 * s, "timesteps");
      r.scalar(bin, s, "evaluate", "timesteps-to-within[1.0 pt]", within1Bin[s], "timesteps");
      r.series(fp, s, "snn-accuracy", curve(40, 0.905 - 0.01 * (s - 1), 6 + s), "fraction");
      r.series(bin, s, "snn-accuracy", curve(40, snnBin[s], 8 + s), "fraction");
      for (int layer = 1; layer <= 3; layer++) {
        double[] spikes = new double[40];
        java.util.Arrays.fill(spikes, 100.0 * layer + 10 * s);
        r.series(fp, s, "spikes[relu" + layer + "]", spikes, "spikes/sample");
        java.util.Arrays.fill(spikes, 80.0 * layer + 10 * s);
        r.series(bin, s, "spikes[relu" + layer + "]", spikes, "spikes/sample");
      }
      String[] classes = {"cat", "dog", "bird"};
      for (int t = 0; t < 3; t++) {
        for (int p = 0; p < 3; p++) {
          r.scalar(
              fp,
              s,
              "evaluate",
              "confusion[snn][" + classes[t] + "][" + classes[p] + "]",
              t == p ? 90 : 5,
              "samples");
        }
      }
      r.scalar(fp, s, "hardware", "energy[ann][relu1]", 4000, "pJ");
      r.scalar(fp, s, "hardware", "energy[ann][relu2]", 6000, "pJ");
      r.scalar(fp, s, "hardware", "energy[fp-snn][relu1]", 1500, "pJ");
      r.scalar(fp, s, "hardware", "energy[fp-snn][relu2]", 900, "pJ");
      r.scalar(bin, s, "hardware", "energy[binary-snn][relu1]", 1500, "pJ");
      r.scalar(bin, s, "hardware", "energy[binary-snn][relu2]", 200, "pJ");
    }
    return r.rows;
  }

  /** The layer lists of {@link #widthStudy}: widths 8, 16, 32 and 64, each doubling the last. */
  static final String[] WIDTH_LAYERS = {
    "c8-c8p-c16-c16p-fc64-fc10",
    "c16-c16p-c32-c32p-fc128-fc10",
    "c32-c32p-c64-c64p-fc256-fc10",
    "c64-c64p-c128-c128p-fc512-fc10"
  };

  /** The FP ANN accuracy of {@link #widthStudy} at width index i and seed s. */
  static double widthFpAnn(int i, long s) {
    return 0.88 + 0.01 * i + 0.002 * s;
  }

  /**
   * A width study, experiment "width": {@code model.layers} over {@link #WIDTH_LAYERS} × binarize
   * none / xnor-bwn × seeds 0 and 1, with every value given by a rule:
   *
   * <ul>
   *   <li>FP ANN {@link #widthFpAnn}; on the SNN's images 0.001 higher; FP SNN 0.001 below the ANN;
   *   <li>binary ANN the FP ANN of the same seed plus {@code annGaps[i]} points, plus 0.1 pt for
   *       seed 0 and minus 0.1 pt for seed 1 (so the same-seed differences have std √0.02 pt);
   *   <li>binary SNN the FP SNN plus {@code snnGaps[i]} points, ±0.1 pt the same way;
   *   <li>timesteps to within 1.0 pt: FP 20 + 10 i + s, binary 30 + 10 i + s.
   * </ul>
   */
  static List<ResultRow> widthStudy(double[] annGaps, double[] snnGaps) {
    TestRows r = new TestRows("width");
    for (int i = 0; i < WIDTH_LAYERS.length; i++) {
      for (long s = 0; s < 2; s++) {
        double jitter = s == 0 ? 0.001 : -0.001;
        double fpAnn = widthFpAnn(i, s);
        double fpSnn = fpAnn - 0.001;
        TreeMap<String, String> fp = params("model.layers", WIDTH_LAYERS[i], "binarize", "none");
        TreeMap<String, String> bin =
            params("model.layers", WIDTH_LAYERS[i], "binarize", "xnor-bwn");
        r.scalar(fp, s, "ann-accuracy", fpAnn);
        r.scalar(fp, s, "ann-accuracy-on-snn-samples", fpAnn + 0.001);
        r.scalar(fp, s, "snn-final-accuracy", fpSnn);
        r.scalar(bin, s, "ann-accuracy", fpAnn + annGaps[i] / 100 + jitter);
        r.scalar(bin, s, "ann-accuracy-on-snn-samples", fpAnn + annGaps[i] / 100 + jitter);
        r.scalar(bin, s, "snn-final-accuracy", fpSnn + snnGaps[i] / 100 + jitter);
        r.scalar(fp, s, "evaluate", "timesteps-to-within[1.0 pt]", 20 + 10 * i + s, "timesteps");
        r.scalar(bin, s, "evaluate", "timesteps-to-within[1.0 pt]", 30 + 10 * i + s, "timesteps");
      }
    }
    return r.rows;
  }

  /** A percentile sweep: FP and binary at four percentiles, one seed. */
  static List<ResultRow> percentileSweep() {
    TestRows r = new TestRows("sweep");
    String[] percentiles = {"99.0", "99.7", "99.9", "100.0"};
    for (String b : new String[] {"none", "xnor-bwn"}) {
      for (int i = 0; i < percentiles.length; i++) {
        TreeMap<String, String> p = params("binarize", b, "normalize.percentile", percentiles[i]);
        double ann = b.equals("none") ? 0.9 : 0.88;
        r.scalar(p, 0, "ann-accuracy", ann);
        r.scalar(p, 0, "snn-final-accuracy", ann - 0.02 + 0.005 * i);
        r.series(p, 0, "snn-accuracy", curve(20, ann - 0.02 + 0.005 * i, 3 + i), "fraction");
      }
    }
    return r.rows;
  }

  /** An early-exit threshold sweep: FP and binary at four thresholds, two seeds. */
  static List<ResultRow> earlyExit() {
    TestRows r = new TestRows("exit");
    String[] thresholds = {"1", "2", "4", "8"};
    for (String b : new String[] {"none", "xnor-bwn"}) {
      for (int i = 0; i < thresholds.length; i++) {
        TreeMap<String, String> p = params("binarize", b, "optimize.threshold", thresholds[i]);
        for (int s = 0; s < 2; s++) {
          r.scalar(p, s, "ann-accuracy", b.equals("none") ? 0.9 : 0.88);
          r.scalar(
              p, s, "exit-accuracy", 0.7 + 0.05 * i + 0.01 * s - (b.equals("none") ? 0 : 0.02));
          r.scalar(p, s, "evaluate", "timesteps-used-mean", 5 * (i + 1) + s, "timesteps");
          r.scalar(p, s, "evaluate", "timesteps-used-median", 5 * (i + 1), "timesteps");
          r.scalar(p, s, "evaluate", "timesteps-used-p95", 10 * (i + 1), "timesteps");
        }
      }
    }
    return r.rows;
  }

  // -----------------------------------------------------------------------------------------------
  // Early exit with a fixed-T reference: every number below is known, so are T_fixed and the
  // savings.

  /** The threshold sweep key of {@link #exitSweep()}. */
  static final String THRESHOLD = "optimize.early-exit.threshold";

  /**
   * A fixed-T accuracy curve over timesteps 1..200 that steps up at the given timesteps: {@code
   * levels[0]} before {@code from[1]}, {@code levels[i]} from {@code from[i]}.
   */
  static double[] steps(int[] from, double[] levels) {
    double[] a = new double[200];
    for (int t = 1; t <= 200; t++) {
      for (int i = 0; i < from.length; i++) {
        if (t >= from[i]) {
          a[t - 1] = levels[i];
        }
      }
    }
    return a;
  }

  /** FP fixed-T accuracy: 0.80 from timestep 1, 0.85 from 50, 0.90 from 100 to 200. */
  static final double[] FP_FIXED_T = steps(new int[] {1, 50, 100}, new double[] {0.80, 0.85, 0.90});

  /**
   * Binary fixed-T accuracy: 0.70 from timestep 1, 0.80 from 30, 0.84 from 60, 0.87 from 150 to
   * 200.
   */
  static final double[] BINARY_FIXED_T =
      steps(new int[] {1, 30, 60, 150}, new double[] {0.70, 0.80, 0.84, 0.87});

  /**
   * The fixed-T reference run, experiment "fixed": FP and binary without exit, seeds 0 and 1,
   * {@code snn-accuracy} {@link #FP_FIXED_T} and {@link #BINARY_FIXED_T}; ANN on the same images FP
   * 0.905, binary 0.87.
   */
  static List<ResultRow> fixedT() {
    TestRows r = new TestRows("fixed");
    for (long s = 0; s < 2; s++) {
      for (String b : new String[] {"none", "xnor-bwn"}) {
        TreeMap<String, String> p = params("binarize", b);
        boolean fp = b.equals("none");
        r.scalar(p, s, "ann-accuracy", fp ? 0.91 : 0.88);
        r.scalar(p, s, "ann-accuracy-on-snn-samples", fp ? 0.905 : 0.87);
        r.scalar(p, s, "snn-final-accuracy", fp ? 0.90 : 0.87);
        r.series(p, s, "snn-accuracy", fp ? FP_FIXED_T : BINARY_FIXED_T, "fraction");
      }
    }
    return r.rows;
  }

  /**
   * The early-exit sweep, experiment "exit", seeds 0 and 1, ANN on the same images as in {@link
   * #fixedT()}. Per precision and threshold: accuracy with exit, mean timesteps seed 0 / seed 1,
   * and so T_fixed and the saving against {@link #fixedT()}:
   *
   * <ul>
   *   <li>FP, threshold 10: 0.85 (−5.5 pt), 10 / 5: T_fixed 50, saving 5 / 10 (7.5 ± 3.54);
   *   <li>FP, threshold 20: 0.90 (−0.5 pt), 8 / 8: T_fixed 100, saving 12.5 / 12.5: holds;
   *   <li>FP, threshold 40: 0.95 (+4.5 pt), 100 / 100: never reached in 200 timesteps, saving ≥ 2;
   *   <li>binary, threshold 10: 0.865 (−0.5 pt), 50 / 50: T_fixed 150, saving 3 / 3;
   *   <li>binary, threshold 20: 0.80 (−7 pt), 3 / 3: T_fixed 30, saving 10, but too inaccurate:
   *       binary does not hold, best 3× at threshold 10.
   * </ul>
   */
  static List<ResultRow> exitSweep() {
    TestRows r = new TestRows("exit");
    Object[][] points = {
      {"none", "10", 0.85, 10.0, 5.0},
      {"none", "20", 0.90, 8.0, 8.0},
      {"none", "40", 0.95, 100.0, 100.0},
      {"xnor-bwn", "10", 0.865, 50.0, 50.0},
      {"xnor-bwn", "20", 0.80, 3.0, 3.0}
    };
    for (Object[] x : points) {
      TreeMap<String, String> p = params("binarize", (String) x[0], THRESHOLD, (String) x[1]);
      boolean fp = x[0].equals("none");
      for (int s = 0; s < 2; s++) {
        r.scalar(p, s, "ann-accuracy", fp ? 0.91 : 0.88);
        r.scalar(p, s, "ann-accuracy-on-snn-samples", fp ? 0.905 : 0.87);
        r.scalar(p, s, "exit-accuracy", (double) x[2]);
        r.scalar(p, s, "snn-final-accuracy", (double) x[2]);
        r.scalar(p, s, "evaluate", "timesteps-used-mean", (double) x[3 + s], "timesteps");
        r.scalar(p, s, "evaluate", "timesteps-used-median", (double) x[3 + s], "timesteps");
        r.scalar(p, s, "evaluate", "timesteps-used-p95", 2 * (double) x[3 + s], "timesteps");
      }
    }
    return r.rows;
  }

  /**
   * The recorded settings of a job of the networks of {@link #fixedT()} and {@link #exitSweep()},
   * as {@link RunProvenance} flattens provenance.json: the network stages, plus what a caller adds.
   */
  static TreeMap<String, String> settings(String binarize, String... more) {
    TreeMap<String, String> s =
        params(
            "dataset",
            "synthetic",
            "dataset.testSize",
            "200",
            "model",
            "mlp",
            "model.hidden",
            "[64]",
            "train",
            "sgd",
            "train.epochs",
            "2",
            "normalize",
            "percentile",
            "normalize.percentile",
            "99.9",
            "convert",
            "if-neuron",
            "convert.reset",
            "SUBTRACT",
            "simulate",
            "time-stepped",
            "simulate.timesteps",
            "200");
    if (!binarize.equals("none")) {
      s.put("binarize", binarize);
    }
    s.putAll(params(more));
    return s;
  }

  /**
   * A job of {@link #settings}, for every variant and seed of the rows, with the settings a
   * function gives.
   */
  static List<RunProvenance.Job> jobs(
      List<ResultRow> rows,
      java.util.function.Function<ResultRow, TreeMap<String, String>> settings) {
    java.util.LinkedHashMap<String, RunProvenance.Job> out = new java.util.LinkedHashMap<>();
    for (ResultRow row : rows) {
      String binarize = row.params().getOrDefault("binarize", "none");
      out.putIfAbsent(
          row.variant() + "|" + row.seed(),
          new RunProvenance.Job(
              row.variant(),
              row.seed(),
              "synthetic",
              "mlp",
              binarize.equals("none") ? "" : binarize,
              settings.apply(row)));
    }
    return List.copyOf(out.values());
  }

  /**
   * The exit settings of a row of {@link #exitSweep()}: the network's plus early exit at its
   * threshold.
   */
  static TreeMap<String, String> exitSettings(ResultRow row) {
    return settings(
        row.params().get("binarize"),
        "optimize.early-exit",
        "early-exit",
        "optimize.early-exit.threshold",
        row.params().get(THRESHOLD),
        "evaluate.exit-latency",
        "exit-latency");
  }

  /**
   * The settings of a row of {@link #fixedT()}: the network's plus a hardware stage the exit run
   * lacks.
   */
  static TreeMap<String, String> fixedTSettings(ResultRow row) {
    return settings(row.params().get("binarize"), "hardware.energy", "energy");
  }

  /** A run directory's provenance with only what the report's matching reads. */
  static RunProvenance provenance(
      String experiment, String description, List<RunProvenance.Job> jobs) {
    return new RunProvenance(
        java.nio.file.Path.of("runs", experiment, "2026-01-01T00-00-00_abc"),
        experiment,
        "0.1.0-test",
        "abc",
        java.util.Optional.of(false),
        "experiments/" + experiment + ".yaml",
        "",
        "",
        "",
        "",
        List.of(),
        new TreeMap<>(),
        List.of(),
        jobs,
        description,
        List.of("0", "1"),
        new TreeMap<>());
  }
}
