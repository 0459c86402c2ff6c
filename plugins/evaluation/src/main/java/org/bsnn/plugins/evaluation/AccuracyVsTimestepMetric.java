package org.bsnn.plugins.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.stage.Metric;

/**
 * The SNN's accuracy at every timestep (series {@code snn-accuracy}), its final accuracy, and for
 * each configured gap x the first timestep from which the SNN's accuracy stays within x percentage
 * points of the ANN's on the same images ({@code ann-accuracy-on-snn-samples}) ({@code
 * timesteps-to-within[x pt]}; NaN when it never gets there).
 */
public final class AccuracyVsTimestepMetric implements Metric {

  private final AccuracyVsTimestepConfig config;

  /** A metric with the given gaps. */
  public AccuracyVsTimestepMetric(AccuracyVsTimestepConfig config) {
    this.config = config;
  }

  @Override
  public List<Measurement> measure(Evaluation evaluation, RunContext context) {
    if (evaluation.trace().isEmpty()) {
      return List.of();
    }
    SimulationTrace trace = evaluation.trace().get();
    double[] accuracy = trace.accuracyByTimestep();
    List<Measurement> out = new ArrayList<>();
    out.add(new Measurement.Series("snn-accuracy", accuracy, "fraction"));
    out.add(new Measurement.Scalar("snn-final-accuracy", trace.finalAccuracy(), "fraction"));
    if (!config.within().isEmpty()) {
      double ann =
          annAccuracyOnSimulatedSamples(evaluation.annPredictions().get(), trace.samples());
      out.add(new Measurement.Scalar("ann-accuracy-on-snn-samples", ann, "fraction"));
      for (double gap : config.within()) {
        out.add(
            new Measurement.Scalar(
                String.format(Locale.ROOT, "timesteps-to-within[%s pt]", gap),
                firstWithin(accuracy, ann - gap / 100.0),
                "timesteps"));
      }
    }
    return out;
  }

  /**
   * The ANN's accuracy on the images the SNN saw: a simulator limited to the first N images of the
   * split must be compared with the ANN on those same N, not on the whole split.
   */
  static double annAccuracyOnSimulatedSamples(Evaluation.AnnPredictions ann, int samples) {
    int n = Math.min(samples, ann.labels().length);
    int correct = 0;
    for (int i = 0; i < n; i++) {
      if (ann.labels()[i] == ann.predictions()[i]) {
        correct++;
      }
    }
    return n == 0 ? Double.NaN : (double) correct / n;
  }

  /**
   * The first 1-based timestep from which the accuracy stays at or above {@code target} up to T (a
   * curve that touches the target and drops again has not got there); NaN if the final accuracy is
   * below it.
   */
  static double firstWithin(double[] accuracy, double target) {
    int settled = accuracy.length;
    while (settled > 0 && accuracy[settled - 1] >= target - 1e-12) {
      settled--;
    }
    return settled == accuracy.length ? Double.NaN : settled + 1;
  }
}
