package org.bsnn.plugins.models;

import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;

/**
 * Swaps a network's ReLUs for the quantization-clip-floor-shift activations of Bu et al., ICLR 2022
 * ("Optimal ANN-SNN Conversion for High-accuracy and Ultra-low-latency Spiking Neural Networks"),
 * {@link Layer.Qcfs}: each layer gets its own λ, trained with the weights, that conversion then
 * uses as the layer's threshold.
 */
final class QcfsActivations {

  /** The initial λ of every layer when the config names none (the authors' code starts at 8). */
  static final double DEFAULT_LAMBDA = 8.0;

  private QcfsActivations() {}

  /**
   * {@code net} with every spiking activation replaced by a QCFS layer, or {@code net} itself when
   * {@code levels} is null.
   *
   * @param levels quantization steps L, or null for ReLUs
   * @param lambda initial λ, or null for {@link #DEFAULT_LAMBDA}
   */
  static Network apply(Network net, Integer levels, Double lambda) {
    if (levels == null) {
      return net;
    }
    Layer.Qcfs qcfs = new Layer.Qcfs(lambda == null ? DEFAULT_LAMBDA : lambda, levels);
    return net.mapNodes(node -> node.layer().isSpikingActivation() ? node.withLayer(qcfs) : node);
  }

  /**
   * Validates the two config keys.
   *
   * @throws IllegalArgumentException naming the key, if levels is below 1, lambda is not finite and
   *     positive, or lambda is given without levels
   */
  static void check(Integer levels, Double lambda) {
    if (levels != null && levels < 1) {
      throw new IllegalArgumentException(
          "qcfsLevels must be at least 1 (the quantization steps L), got " + levels);
    }
    if (lambda != null) {
      if (levels == null) {
        throw new IllegalArgumentException(
            "qcfsLambda is set but qcfsLevels is not; set qcfsLevels (e.g. 4 or 8) to use QCFS"
                + " activations");
      }
      if (!(lambda > 0) || !Double.isFinite(lambda)) {
        throw new IllegalArgumentException("qcfsLambda must be finite and positive, got " + lambda);
      }
    }
  }
}
