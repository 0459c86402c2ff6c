package org.bsnn.api.results;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;

/**
 * The outputs of one job, handed to metrics and hardware models.
 *
 * @param dataset what the data is
 * @param test the evaluation split (the one the SNN was simulated on)
 * @param ann the trained network
 * @param annPredictions the ANN's predictions on {@code test}, computed at most once on demand
 * @param snn the spiking network, absent in ANN-only experiments
 * @param trace the simulation trace, absent in ANN-only experiments
 */
public record Evaluation(
    DatasetInfo dataset,
    DataSplit test,
    Network ann,
    Supplier<AnnPredictions> annPredictions,
    Optional<SpikingNetwork> snn,
    Optional<SimulationTrace> trace) {

  /** Checks for nulls. */
  public Evaluation {
    Objects.requireNonNull(dataset);
    Objects.requireNonNull(test);
    Objects.requireNonNull(ann);
    Objects.requireNonNull(annPredictions);
    Objects.requireNonNull(snn);
    Objects.requireNonNull(trace);
  }

  /**
   * The ANN's predictions.
   *
   * @param labels true class per sample
   * @param predictions argmax class per sample
   * @param scores class scores per sample, shape [N][classes]
   */
  public record AnnPredictions(int[] labels, int[] predictions, float[][] scores) {
    /** Accuracy as a fraction. */
    public double accuracy() {
      int c = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == predictions[i]) {
          c++;
        }
      }
      return labels.length == 0 ? 0 : (double) c / labels.length;
    }
  }
}
