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
   * A per-sample kernel for a projection whose weighted op reads spikes, or {@code null} to compute
   * the projection with ND4J exactly as the reference simulator does.
   *
   * @param weighted the conv or dense op
   * @param outHeight the weighted op's output height (1 for dense)
   * @param outWidth the weighted op's output width (1 for dense)
   */
  abstract SampleKernel kernel(Layout source, Layer weighted, Tail tail, int outHeight, int outWidth);

  /** What determines the compiled kernels (for caching compiled networks). */
  abstract String key();

  /** Source spike rate (fraction) above which a kernel projection is computed with ND4J this step. */
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
    SampleKernel kernel(Layout source, Layer weighted, Tail tail, int outHeight, int outWidth) {
      Weights weights = weighted instanceof Layer.Conv2d c ? c.weights() : ((Layer.Dense) weighted).weights();
      INDArray bias = weighted instanceof Layer.Conv2d c ? c.bias() : ((Layer.Dense) weighted).bias();
      if (!(weights instanceof Weights.Binary b)) {
        return null;
      }
      float[] signs = floats(b.signs());
      for (float s : signs) {
        if (s != 1f && s != -1f) {
          return null; // not a valid binary tensor: leave it to ND4J, which uses the values as they are
        }
      }
      float[] alpha = floats(b.alpha());
      if (weighted instanceof Layer.Conv2d conv) {
        return new BinaryConvKernel(source, conv, signs, alpha, floatsOrNull(bias), tail, outHeight, outWidth, choice);
      }
      return new BinaryDenseKernel(source, signs, alpha, floatsOrNull(bias), tail, choice);
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
    SampleKernel kernel(Layout source, Layer weighted, Tail tail, int outHeight, int outWidth) {
      Weights weights = weighted instanceof Layer.Conv2d c ? c.weights() : ((Layer.Dense) weighted).weights();
      float[] w;
      float[] scale = null;
      if (weights instanceof Weights.Binary b) {
        // Signs, then alpha: sums of +-1 over spikes are exact, so the one rounding is the reference's.
        w = floats(b.signs());
        scale = floats(b.alpha());
      } else {
        w = floats(((Weights.FullPrecision) weights).values());
      }
      if (weighted instanceof Layer.Conv2d conv) {
        return new FloatConvKernel(source, conv, w, scale, floatsOrNull(conv.bias()), tail, outHeight, outWidth);
      }
      Layer.Dense dense = (Layer.Dense) weighted;
      return new FloatDenseKernel(source, w, Math.toIntExact(dense.outFeatures()), scale, floatsOrNull(dense.bias()), tail);
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
