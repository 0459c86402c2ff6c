package org.bsnn.plugins.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.stage.Metric;

/**
 * Spiking activity per layer: spikes per sample per timestep ({@code spikes[node]}, series) and the
 * mean firing rate ({@code firing-rate[node]}, spikes per neuron per simulated timestep, a
 * fraction; a sample that exited early counts only its timesteps up to the exit).
 */
public final class SpikesPerLayerMetric implements Metric {
  @Override
  public List<Measurement> measure(Evaluation evaluation, RunContext context) {
    if (evaluation.trace().isEmpty()) {
      return List.of();
    }
    SimulationTrace trace = evaluation.trace().get();
    List<Measurement> out = new ArrayList<>();
    int samples = Math.max(1, trace.samples());
    // Spikes are counted only while a sample runs (a sample that exits early stops contributing),
    // so the rate's denominator is the sample-timesteps actually simulated, not samples x T.
    long sampleSteps = 0;
    for (int exit : trace.exitTimestep()) {
      sampleSteps += exit;
    }
    for (Map.Entry<String, long[]> e : trace.spikesByNode().entrySet()) {
      long[] counts = e.getValue();
      double[] perSample = new double[counts.length];
      long total = 0;
      for (int t = 0; t < counts.length; t++) {
        perSample[t] = (double) counts[t] / samples;
        total += counts[t];
      }
      long neurons = trace.neuronsByNode().getOrDefault(e.getKey(), 0L);
      out.add(new Measurement.Series("spikes[" + e.getKey() + "]", perSample, "spikes/sample"));
      if (neurons > 0) {
        out.add(
            new Measurement.Scalar(
                "firing-rate[" + e.getKey() + "]",
                (double) total / ((double) neurons * Math.max(1, sampleSteps)),
                "spikes/neuron/timestep"));
      }
    }
    return out;
  }
}
