package org.bsnn.plugins.conversion;

import org.bsnn.api.network.AlongDimension;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Weights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Folds an inference-mode batch norm into the conv or dense layer before it (Ioffe &amp; Szegedy
 * 2015; the usual step before conversion, e.g. Rueckauer et al. 2017): with per-channel {@code s =
 * gamma / sqrt(var + eps)}, {@code BN(W x + b) = (s W) x + (s (b - mean) + beta)}, so output
 * channel o's weights are multiplied by {@code s_o} and its bias becomes {@code s_o (b_o - mean_o)
 * + beta_o}.
 *
 * <p>Binary weights stay binary: {@code s_o W_o = (sign(s_o) signs_o) (|s_o| alpha_o)}, i.e. the
 * signs of a channel with negative gamma flip and its alpha takes |s|. A channel with gamma = 0
 * would zero a binary channel and is rejected.
 */
public final class BatchNormFolding {

  private BatchNormFolding() {}

  /**
   * The layer equal to {@code bn} applied after {@code weighted}.
   *
   * @param weighted a {@link Layer.Conv2d} or {@link Layer.Dense}
   * @param bn batch norm over that layer's output channels (features)
   * @return a new layer of the same type (binary weights stay binary); inputs are not modified
   * @throws IllegalArgumentException if the channel counts differ, the layer has no weights, or a
   *     binary layer would get a zero scale
   */
  public static Layer fold(Layer weighted, Layer.BatchNorm bn) {
    Layer.Weighted layer =
        weighted
            .asWeighted()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "batch norm folds into conv2d or dense, not " + weighted.type()));
    Weights weights = layer.weights();
    INDArray bias = layer.bias();
    int channels = Math.toIntExact(weights.outputs());
    if (bn.gamma().length() != channels) {
      throw new IllegalArgumentException(
          "batch norm has "
              + bn.gamma().length()
              + " channels but the "
              + weighted.type()
              + " before it has "
              + channels
              + " outputs");
    }
    double[] gamma = bn.gamma().toDoubleVector();
    double[] beta = bn.beta().toDoubleVector();
    double[] mean = bn.mean().toDoubleVector();
    double[] variance = bn.variance().toDoubleVector();
    double[] b = bias == null ? new double[channels] : bias.toDoubleVector();
    double[] scale = new double[channels];
    double[] shift = new double[channels];
    for (int o = 0; o < channels; o++) {
      scale[o] = gamma[o] / Math.sqrt(variance[o] + bn.epsilon());
      shift[o] = scale[o] * (b[o] - mean[o]) + beta[o];
    }
    Weights folded = scaleOutputs(weights, scale);
    INDArray newBias = Nd4j.create(shift, new long[] {channels}, dataType(weights));
    return layer.withParameters(folded, newBias);
  }

  /** Weights with output channel o multiplied by {@code factor[o]} (binary: signs and alpha). */
  static Weights scaleOutputs(Weights weights, double[] factor) {
    return switch (weights) {
      case Weights.Binary bin -> {
        double[] alpha = bin.alpha().toDoubleVector();
        double[] sign = new double[factor.length];
        for (int o = 0; o < factor.length; o++) {
          if (factor[o] == 0) {
            throw new IllegalArgumentException(
                "output channel " + o + " has a zero scale, which would zero binary weights");
          }
          sign[o] = Math.signum(factor[o]);
          alpha[o] *= Math.abs(factor[o]);
        }
        INDArray signs = alongDim(bin.signs(), sign, 0);
        yield new Weights.Binary(
            signs, Nd4j.create(alpha, new long[] {alpha.length}, bin.alpha().dataType()));
      }
      case Weights.FullPrecision full ->
          new Weights.FullPrecision(alongDim(full.values(), factor, 0));
    };
  }

  /** A new array: {@code a} multiplied by {@code factor} along dimension {@code dim}. */
  static INDArray alongDim(INDArray a, double[] factor, int dim) {
    try (INDArray f = Nd4j.create(factor, new long[] {factor.length}, a.dataType())) {
      INDArray out = Nd4j.createUninitialized(a.dataType(), a.shape(), 'c');
      return AlongDimension.mul(a, f, out, dim);
    }
  }

  private static org.nd4j.linalg.api.buffer.DataType dataType(Weights w) {
    return switch (w) {
      case Weights.Binary bin -> bin.alpha().dataType();
      case Weights.FullPrecision full -> full.values().dataType();
    };
  }
}
