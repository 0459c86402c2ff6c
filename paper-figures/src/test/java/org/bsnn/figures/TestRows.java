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

  TestRows scalar(TreeMap<String, String> params, long seed, String stage, String metric, double value, String unit) {
    rows.add(new ResultRow(experiment, variant(params), seed, stage, metric, OptionalInt.empty(), value, unit,
        "run" + seed, "cfg", "0.1.0-test", params));
    return this;
  }

  TestRows scalar(TreeMap<String, String> params, long seed, String metric, double value) {
    return scalar(params, seed, "evaluate", metric, value, "fraction");
  }

  TestRows series(TreeMap<String, String> params, long seed, String metric, double[] values, String unit) {
    for (int t = 0; t < values.length; t++) {
      rows.add(new ResultRow(experiment, variant(params), seed, "evaluate", metric, OptionalInt.of(t + 1), values[t],
          unit, "run" + seed, "cfg", "0.1.0-test", params));
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
   * timesteps to within 0.5/1 pt, spikes in three layers, a 3-class SNN confusion matrix and energy.
   *
   * <p>ANN accuracy: FP 0.90, 0.91, 0.92 (mean 0.91, std 0.01); binary 0.88, 0.88, 0.88.
   * SNN final accuracy: FP 0.905, 0.905, 0.905; binary 0.85, 0.86, 0.87 (mean 0.86, std 0.01).
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
          r.scalar(fp, s, "evaluate", "confusion[snn][" + classes[t] + "][" + classes[p] + "]",
              t == p ? 90 : 5, "samples");
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
          r.scalar(p, s, "exit-accuracy", 0.7 + 0.05 * i + 0.01 * s - (b.equals("none") ? 0 : 0.02));
          r.scalar(p, s, "evaluate", "timesteps-used-mean", 5 * (i + 1) + s, "timesteps");
          r.scalar(p, s, "evaluate", "timesteps-used-median", 5 * (i + 1), "timesteps");
          r.scalar(p, s, "evaluate", "timesteps-used-p95", 10 * (i + 1), "timesteps");
        }
      }
    }
    return r.rows;
  }
}
