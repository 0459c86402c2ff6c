package org.bsnn.api.network;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of a conv or dense layer. Sealed so that "is this layer binary?" is a type question.
 * Layout follows PyTorch: conv [out, in, kh, kw], dense [out, in].
 */
public sealed interface Weights permits Weights.FullPrecision, Weights.Binary {

  /**
   * Whether these are {@link Binary} weights. An exhaustive switch, so a new kind of weights must
   * say whether the binary-only paths (crossbar form, XNOR kernels, alpha scaling) apply to it.
   */
  default boolean isBinary() {
    return switch (this) {
      case Binary b -> true;
      case FullPrecision f -> false;
    };
  }

  /** Number of output neurons or filters (dimension 0). */
  default long outputs() {
    return shape()[0];
  }

  /** Shape of the weight tensor. */
  long[] shape();

  /** The weights as a real tensor ({@code signs * alpha} for binary weights); a new array. */
  INDArray dense();

  /**
   * Real-valued weights.
   *
   * @param values float32, shape [out, in, kh, kw] or [out, in]
   */
  record FullPrecision(INDArray values) implements Weights {
    /** Checks the rank. */
    public FullPrecision {
      Objects.requireNonNull(values, "values");
      if (values.rank() != 2 && values.rank() != 4) {
        throw new IllegalArgumentException("weights must have rank 2 or 4, got " + values.rank());
      }
    }

    @Override
    public long[] shape() {
      return values.shape();
    }

    @Override
    public INDArray dense() {
      return values.dup();
    }
  }

  /**
   * Binary weights: every weight of output neuron k is {@code signs[k,...] * alpha[k]}.
   *
   * @param signs values in {-1, +1}, shape [out, in, kh, kw] or [out, in]
   * @param alpha one positive scale per output neuron, shape [out]
   */
  record Binary(INDArray signs, INDArray alpha) implements Weights {
    /** Checks shapes (values are checked by {@link #validateValues()} where it matters). */
    public Binary {
      Objects.requireNonNull(signs, "signs");
      Objects.requireNonNull(alpha, "alpha");
      if (signs.rank() != 2 && signs.rank() != 4) {
        throw new IllegalArgumentException("signs must have rank 2 or 4, got " + signs.rank());
      }
      if (alpha.length() != signs.size(0)) {
        throw new IllegalArgumentException(
            "alpha needs one value per output (" + signs.size(0) + "), got " + alpha.length());
      }
    }

    @Override
    public long[] shape() {
      return signs.shape();
    }

    @Override
    public INDArray dense() {
      // Broadcast along dimension 0 into one fresh array: materialising alpha.broadcast(shape)
      // first would leave a weight-sized off-heap temporary behind on every call.
      INDArray out =
          org.nd4j.linalg.factory.Nd4j.createUninitialized(signs.dataType(), signs.shape(), 'c');
      return AlongDimension.mul(signs, alpha, out, 0);
    }

    /** Throws unless every sign is exactly -1 or +1 and every alpha is finite and positive. */
    public void validateValues() {
      try (INDArray abs = org.nd4j.linalg.ops.transforms.Transforms.abs(signs, true)) {
        if (abs.minNumber().doubleValue() != 1.0 || abs.maxNumber().doubleValue() != 1.0) {
          throw new IllegalArgumentException("binary weights must be exactly -1 or +1");
        }
      }
      double minAlpha = alpha.minNumber().doubleValue();
      if (!(minAlpha > 0) || !Double.isFinite(alpha.maxNumber().doubleValue())) {
        throw new IllegalArgumentException(
            "alpha must be finite and positive, min was " + minAlpha);
      }
    }
  }
}
