package org.bsnn.api.snn;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The neuron model of a spiking node. */
public sealed interface Neuron permits Neuron.IntegrateAndFire, Neuron.Integrator {

  /**
   * Non-leaky integrate-and-fire: {@code v(0) = initialPotential; v += input; spike if v >=
   * threshold; reset}. No lower bound, no refractory period.
   *
   * <p>A non-zero initial potential (e.g. half the threshold: Deng &amp; Gu 2021, "Optimal
   * conversion of conventional ANNs to SNNs", ICLR; Bu et al. 2022, "Optimal ANN-SNN conversion for
   * high-accuracy and ultra-low-latency SNNs", ICLR) turns the floor of a reset-by-subtraction
   * neuron's rate into rounding: after T steps of constant input {@code a θ} it has fired {@code
   * floor(a T + 1/2)} times instead of {@code floor(a T)}.
   *
   * @param threshold shape [1] (layer-wise) or broadcastable to the node's output without the batch
   *     dimension, e.g. [channels, 1, 1] (channel-wise) or [features] (per neuron)
   * @param reset what happens to the potential after a spike
   * @param initialPotential the potential every neuron starts at (absolute, in the threshold's
   *     units), shape [1] or broadcastable like the threshold; it must stay below the threshold
   *     (see {@link SpikingDynamics#shapes}) so that no neuron fires without input
   */
  record IntegrateAndFire(INDArray threshold, ResetMode reset, INDArray initialPotential)
      implements Neuron {
    /** Validates that thresholds are finite and positive and initial potentials finite. */
    public IntegrateAndFire {
      Objects.requireNonNull(threshold, "threshold");
      Objects.requireNonNull(reset, "reset");
      Objects.requireNonNull(initialPotential, "initialPotential");
      double min = threshold.minNumber().doubleValue();
      double max = threshold.maxNumber().doubleValue();
      if (!(min > 0) || !Double.isFinite(max)) {
        throw new IllegalArgumentException(
            "thresholds must be finite and positive; got min " + min + ", max " + max);
      }
      double lo = initialPotential.minNumber().doubleValue();
      double hi = initialPotential.maxNumber().doubleValue();
      if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
        throw new IllegalArgumentException(
            "initial potentials must be finite; got min " + lo + ", max " + hi);
      }
    }

    /** A neuron that starts at potential 0 (the paper's recipe). */
    public IntegrateAndFire(INDArray threshold, ResetMode reset) {
      this(threshold, reset, Nd4j.zeros(threshold.dataType(), 1));
    }

    /** Whether every neuron starts at potential 0. */
    public boolean startsAtZero() {
      return initialPotential.minNumber().doubleValue() == 0.0
          && initialPotential.maxNumber().doubleValue() == 0.0;
    }

    /** The same neuron with another threshold and initial potential (e.g. both rescaled). */
    public IntegrateAndFire with(INDArray newThreshold, INDArray newInitialPotential) {
      return new IntegrateAndFire(newThreshold, reset, newInitialPotential);
    }
  }

  /** Accumulates its input without spiking or reset: the output layer's readout. */
  record Integrator() implements Neuron {}
}
