package org.bsnn.api.snn;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The neuron model of a spiking node. */
public sealed interface Neuron permits Neuron.IntegrateAndFire, Neuron.Integrator {

  /**
   * Non-leaky integrate-and-fire: {@code v += input; spike if v >= threshold; reset}. Initial
   * potential 0, no lower bound, no refractory period.
   *
   * @param threshold shape [1] (layer-wise) or broadcastable to the node's output without the batch
   *     dimension, e.g. [channels, 1, 1] (channel-wise) or [features] (per neuron)
   * @param reset what happens to the potential after a spike
   */
  record IntegrateAndFire(INDArray threshold, ResetMode reset) implements Neuron {
    /** Validates that thresholds are finite and positive. */
    public IntegrateAndFire {
      Objects.requireNonNull(threshold, "threshold");
      Objects.requireNonNull(reset, "reset");
      double min = threshold.minNumber().doubleValue();
      double max = threshold.maxNumber().doubleValue();
      if (!(min > 0) || !Double.isFinite(max)) {
        throw new IllegalArgumentException(
            "thresholds must be finite and positive; got min " + min + ", max " + max);
      }
    }
  }

  /** Accumulates its input without spiking or reset: the output layer's readout. */
  record Integrator() implements Neuron {}
}
