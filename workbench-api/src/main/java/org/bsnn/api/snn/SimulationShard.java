package org.bsnn.api.snn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace of samples {@code [from, from + trace.samples())} of a split: a partial result that
 * {@link #merge} joins with the other shards into the trace of one run over all of them. Counts
 * (correct per timestep, spikes per node and timestep, input non-zeros) add up, per-sample arrays
 * are concatenated, and the first output timestep is the earliest of the shards'.
 *
 * @param from index in the split of the shard's first sample
 * @param trace what the shard recorded
 */
public record SimulationShard(int from, SimulationTrace trace) {

  /** Index in the split one past the shard's last sample. */
  public int to() {
    return from + trace.samples();
  }

  /**
   * The trace of one run over the shards, which must cover a range of samples without gaps or
   * overlaps (in any order) and come from the same network and length.
   */
  public static SimulationTrace merge(List<SimulationShard> shards) {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    List<SimulationShard> ordered = new ArrayList<>(shards);
    ordered.sort(Comparator.comparingInt(SimulationShard::from));
    SimulationTrace first = ordered.get(0).trace();
    int steps = first.timesteps();
    int samples = 0;
    for (int k = 0; k < ordered.size(); k++) {
      SimulationShard s = ordered.get(k);
      if (k > 0 && s.from() != ordered.get(k - 1).to()) {
        throw new IllegalArgumentException(
            "shards must be contiguous: one ends at "
                + ordered.get(k - 1).to()
                + ", the next starts at "
                + s.from());
      }
      if (s.trace().timesteps() != steps
          || !s.trace().spikesByNode().keySet().equals(first.spikesByNode().keySet())) {
        throw new IllegalArgumentException(
            "shards from different simulations (timesteps or spiking nodes differ)");
      }
      samples += s.trace().samples();
    }
    int[] labels = new int[samples];
    int[] predictions = new int[samples];
    int[] exit = new int[samples];
    long[] correct = new long[steps];
    Map<String, long[]> spikes = new LinkedHashMap<>();
    first.spikesByNode().keySet().forEach(node -> spikes.put(node, new long[steps]));
    long inputNonZero = 0;
    int firstOutput = steps + 1;
    int at = 0;
    for (SimulationShard s : ordered) {
      SimulationTrace t = s.trace();
      System.arraycopy(t.labels(), 0, labels, at, t.samples());
      System.arraycopy(t.predictions(), 0, predictions, at, t.samples());
      System.arraycopy(t.exitTimestep(), 0, exit, at, t.samples());
      at += t.samples();
      for (int i = 0; i < steps; i++) {
        correct[i] += t.correctByTimestep()[i];
      }
      t.spikesByNode()
          .forEach(
              (node, counts) -> {
                long[] sum = spikes.get(node);
                for (int i = 0; i < steps; i++) {
                  sum[i] += counts[i];
                }
              });
      inputNonZero += t.inputCurrentNonZero();
      firstOutput = Math.min(firstOutput, t.firstOutputTimestep());
    }
    return new SimulationTrace(
        steps,
        labels,
        correct,
        predictions,
        exit,
        spikes,
        first.neuronsByNode(),
        inputNonZero,
        firstOutput);
  }

  /**
   * Confusion counts of the final predictions: {@code [label][prediction]}; a prediction of -1 (no
   * output yet) is not counted.
   */
  public long[][] confusion(int classes) {
    long[][] counts = new long[classes][classes];
    for (int i = 0; i < trace.samples(); i++) {
      int p = trace.predictions()[i];
      if (p >= 0) {
        counts[trace.labels()[i]][p]++;
      }
    }
    return counts;
  }

  /** How many samples exited at each timestep: index t-1 for timestep t. */
  public long[] exits() {
    long[] counts = new long[trace.timesteps()];
    for (int t : trace.exitTimestep()) {
      counts[t - 1]++;
    }
    return counts;
  }
}
