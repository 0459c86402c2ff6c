package org.bsnn.plugins.simulation.engine;

import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Weights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Which projections a backend computes with its own kernels, and when it falls back to ND4J. */
abstract class KernelPolicy {

  /** The backend's name, for logs. */
  abstract String name();

  /**
   * A per-sample kernel for a projection whose convolution reads spikes, or {@code null} to compute
   * the projection with ND4J exactly as the reference simulator does.
   *
   * @param outHeight the convolution's output height
   * @param outWidth the convolution's output width
   */
  abstract SampleKernel conv(
      Layout source, Layer.Conv2d conv, Tail tail, int outHeight, int outWidth);

  /** As {@link #conv}, for a dense layer. */
  abstract SampleKernel dense(Layout source, Layer.Dense dense, Tail tail);

  /** What determines the compiled kernels (for caching compiled networks). */
  abstract String key();

  /**
   * Source spike rate (fraction) above which a kernel projection is computed with ND4J this step.
   */
  abstract double denseAbove();

  /** Binary weights: XNOR-Net signs and per-output scales, packed for AND + popcount. */
  static final class Bitpacked extends KernelPolicy {
    private final KernelChoice choice;

    Bitpacked(KernelChoice choice) {
      this.choice = choice;
    }

    @Override
    String name() {
      return "bitpacked";
    }

    @Override
    String key() {
      return "bitpacked-" + choice;
    }

    @Override
    SampleKernel conv(Layout source, Layer.Conv2d conv, Tail tail, int outHeight, int outWidth) {
      float[][] signsAlpha = binary(conv.weights());
      return signsAlpha == null
          ? null
          : new BinaryConvKernel(
              source,
              conv,
              signsAlpha[0],
              signsAlpha[1],
              floatsOrNull(conv.bias()),
              tail,
              outHeight,
              outWidth,
              choice);
    }

    @Override
    SampleKernel dense(Layout source, Layer.Dense dense, Tail tail) {
      float[][] signsAlpha = binary(dense.weights());
      return signsAlpha == null
          ? null
          : new BinaryDenseKernel(
              source, signsAlpha[0], signsAlpha[1], floatsOrNull(dense.bias()), tail, choice);
    }

    /**
     * Signs and alpha of binary weights; null for full precision or signs other than ±1 (ND4J uses
     * the values as they are).
     */
    private static float[][] binary(Weights weights) {
      return switch (weights) {
        case Weights.FullPrecision full -> null;
        case Weights.Binary b -> {
          float[] signs = floats(b.signs());
          for (float s : signs) {
            if (s != 1f && s != -1f) {
              yield null; // not a valid binary tensor
            }
          }
          yield new float[][] {signs, floats(b.alpha())};
        }
      };
    }

    @Override
    double denseAbove() {
      return Double.POSITIVE_INFINITY;
    }
  }

  /** Any weights: scatter-add of the spiking inputs' weights, ND4J above a spike rate. */
  static final class EventDriven extends KernelPolicy {
    private final double denseAbove;

    EventDriven(double denseAbove) {
      this.denseAbove = denseAbove;
    }

    @Override
    String name() {
      return "event-driven";
    }

    @Override
    String key() {
      return "event-driven";
    }

    @Override
    SampleKernel conv(Layout source, Layer.Conv2d conv, Tail tail, int outHeight, int outWidth) {
      float[][] ws = weightsAndScale(conv.weights());
      return new FloatConvKernel(
          source, conv, ws[0], ws[1], floatsOrNull(conv.bias()), tail, outHeight, outWidth);
    }

    @Override
    SampleKernel dense(Layout source, Layer.Dense dense, Tail tail) {
      float[][] ws = weightsAndScale(dense.weights());
      return new FloatDenseKernel(
          source,
          ws[0],
          Math.toIntExact(dense.outFeatures()),
          ws[1],
          floatsOrNull(dense.bias()),
          tail);
    }

    /** The weights to scatter and the scale applied after summing (null: none). */
    private static float[][] weightsAndScale(Weights weights) {
      return switch (weights) {
        // signs, then alpha: sums of +-1 over spikes are exact, so the one rounding is the
        // reference's
        case Weights.Binary b -> new float[][] {floats(b.signs()), floats(b.alpha())};
        case Weights.FullPrecision full -> new float[][] {floats(full.values()), null};
      };
    }

    @Override
    double denseAbove() {
      return denseAbove;
    }
  }

  /** The values of an array as float32, C order. */
  static float[] floats(INDArray a) {
    try (INDArray c = a.castTo(DataType.FLOAT).dup('c')) {
      return c.data().asFloat();
    }
  }

  static float[] floatsOrNull(INDArray a) {
    return a == null ? null : floats(a);
  }
}
