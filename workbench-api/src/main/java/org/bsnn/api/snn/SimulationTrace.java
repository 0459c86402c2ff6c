package org.bsnn.api.snn;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a simulation recorded, enough for every metric and hardware model.
 *
 * @param timesteps number of timesteps simulated, T
 * @param labels true class per sample, length N
 * @param correctByTimestep number of samples whose prediction at timestep t (index t-1) was
 *     correct, length T; a sample that exited early keeps its exit prediction afterwards
 * @param predictions final prediction per sample (at T or at its exit), length N
 * @param exitTimestep timestep at which each sample stopped (T when it ran to the end), length N
 * @param spikesByNode total spikes emitted per spiking node per timestep over all samples, shape
 *     [T] per node
 * @param neuronsByNode neurons per sample in each spiking node
 * @param inputCurrentNonZero for direct encoding, the number of non-zero input values per sample
 *     summed over samples (first-layer MACs are counted from it); 0 for Poisson input
 * @param firstOutputTimestep first timestep at which the output potential was non-zero (1-based;
 *     with a spike-count readout, the first output spike)
 */
public record SimulationTrace(
    int timesteps,
    int[] labels,
    long[] correctByTimestep,
    int[] predictions,
    int[] exitTimestep,
    Map<String, long[]> spikesByNode,
    Map<String, Long> neuronsByNode,
    long inputCurrentNonZero,
    int firstOutputTimestep) {

  /**
   * Checks lengths and sorts the maps by node name (insertion order of nodes is kept separately).
   */
  public SimulationTrace {
    if (correctByTimestep.length != timesteps) {
      throw new IllegalArgumentException("correctByTimestep must have T entries");
    }
    if (predictions.length != labels.length || exitTimestep.length != labels.length) {
      throw new IllegalArgumentException("predictions and exitTimestep need one entry per sample");
    }
    spikesByNode =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(spikesByNode));
    neuronsByNode = java.util.Collections.unmodifiableMap(new TreeMap<>(neuronsByNode));
  }

  /** Number of samples, N. */
  public int samples() {
    return labels.length;
  }

  /** Accuracy (fraction, not percent) at every timestep, length T. */
  public double[] accuracyByTimestep() {
    double[] acc = new double[timesteps];
    for (int t = 0; t < timesteps; t++) {
      acc[t] = labels.length == 0 ? 0 : (double) correctByTimestep[t] / labels.length;
    }
    return acc;
  }

  /** Final accuracy (fraction), from {@link #predictions}. */
  public double finalAccuracy() {
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predictions[i] == labels[i]) {
        correct++;
      }
    }
    return labels.length == 0 ? 0 : (double) correct / labels.length;
  }
}
