package org.bsnn.plugins.evaluation;

import java.util.Arrays;
import java.util.List;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.stage.Metric;

/**
 * Timesteps actually used per sample (with early exit, the exit timestep; otherwise T): mean,
 * median and 95th percentile, and the accuracy of the final (exit) predictions.
 */
public final class ExitLatencyMetric implements Metric {
  @Override
  public List<Measurement> measure(Evaluation evaluation, RunContext context) {
    if (evaluation.trace().isEmpty()) {
      return List.of();
    }
    SimulationTrace trace = evaluation.trace().get();
    int[] exits = trace.exitTimestep().clone();
    if (exits.length == 0) {
      return List.of();
    }
    Arrays.sort(exits);
    double mean = Arrays.stream(exits).average().orElse(Double.NaN);
    return List.of(
        new Measurement.Scalar("timesteps-used-mean", mean, "timesteps"),
        new Measurement.Scalar("timesteps-used-median", quantile(exits, 0.5), "timesteps"),
        new Measurement.Scalar("timesteps-used-p95", quantile(exits, 0.95), "timesteps"),
        new Measurement.Scalar("exit-accuracy", trace.finalAccuracy(), "fraction"));
  }

  /** Linear-interpolation quantile (NumPy's default) of sorted values. */
  static double quantile(int[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int low = (int) Math.floor(position);
    int high = Math.min(low + 1, sorted.length - 1);
    return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
  }
}
