package org.bsnn.plugins.training;

import org.bsnn.api.network.Layer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * The quantization-clip-floor-shift activation ({@link Layer.Qcfs}) of Bu et al., ICLR 2022
 * ("Optimal ANN-SNN Conversion for High-accuracy and Ultra-low-latency Spiking Neural Networks"),
 * as SameDiff ops with a trainable λ.
 *
 * <p>Forward: {@code y = λ clip(floor(x (1/λ) L + 1/2) / L, 0, 1)}, in the order {@link
 * org.bsnn.api.network.LayerOps} computes it. Backward, as the authors' PyTorch code: the floor
 * passes its gradient straight through ({@code u + stopGradient(floor(u) - u)}), and everything
 * else is differentiated as written; so inside the clip range {@code dy/dx = 1} and {@code dy/dλ =
 * y/λ - x/λ}, above it {@code dy/dx = 0} and {@code dy/dλ = 1}, below it both are 0.
 */
final class QcfsGraph {

  private QcfsGraph() {}

  /**
   * The activation of {@code x}.
   *
   * @param lambda the trainable clip value, shape [1] (broadcast over x)
   * @param levels quantization steps L
   */
  static SDVariable activation(SameDiff sd, SDVariable x, SDVariable lambda, int levels) {
    // x * (1/lambda), not x / lambda: libnd4j 1.0.0-M2.1's broadcasting divide_bp returns the
    // divisor's gradient multiplied by the element count (a [1] lambda over 10 values got 10x),
    // while the reciprocal of the [1] variable and a broadcasting multiply differentiate correctly
    SDVariable u = x.mul(sd.math().reciprocal(lambda)).mul(levels).add(0.5);
    SDVariable floor = sd.math().floor(u);
    SDVariable straightThrough = u.add(new StopGradient(sd, floor.sub(u)).outputVariable());
    SDVariable scaled = straightThrough.div(levels);
    // Clip with PyTorch's torch.clamp gradient, which passes where min <= v <= max: at v = 0 and
    // v = 1 too (libnd4j's clip_by_value_bp passes only strictly inside, and every value here
    // lands on a step k/L, so it would block the gradient of all outputs 0 and lambda, including a
    // fresh network whose activations are all below the first step). The gradient runs through a
    // clip half a step wider, which passes exactly the steps 0..L; the stop-gradient term moves its
    // value onto [0, 1] exactly (|difference| <= half a step, so the float sum is exact). A mask
    // built from comparisons and casts gave the same gradient at twice the cost per step: libnd4j's
    // boolean ops and casts are slow paths.
    double halfStep = 0.5 / levels;
    SDVariable gradientPath = sd.math().clipByValue(scaled, -halfStep, 1.0 + halfStep);
    SDVariable clippedValue = sd.math().clipByValue(scaled, 0.0, 1.0);
    SDVariable clipped =
        gradientPath.add(new StopGradient(sd, clippedValue.sub(gradientPath)).outputVariable());
    return clipped.mul(lambda);
  }
}
