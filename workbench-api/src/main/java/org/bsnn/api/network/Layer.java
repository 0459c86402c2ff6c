package org.bsnn.api.network;

import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One operation of the network IR. Sealed: converters and simulators switch over the permitted
 * records exhaustively (no {@code default} branch, no {@code instanceof} chain), and adding a layer
 * type is a compile error everywhere it must be handled. Questions that only care about a role
 * ({@link #asWeighted}, {@link #combinesInputs}, {@link #isSpikingActivation}, {@link
 * #isSpikingGate}, {@link #reshapesOnly}, {@link #hasNoSpikingEquivalent}) are answered here, each
 * by one exhaustive switch, so a new type must answer them too.
 *
 * <p>Tensor layouts follow PyTorch (NCHW activations, OIHW conv weights, [out, in] dense weights)
 * so NumPy files exported from PyTorch load without transposes. Kernels are square.
 */
public sealed interface Layer
    permits Layer.Weighted,
        Layer.AvgPool2d,
        Layer.MaxPool2d,
        Layer.BatchNorm,
        Layer.Relu,
        Layer.Qcfs,
        Layer.Dropout,
        Layer.Flatten,
        Layer.Add,
        Layer.Sign {

  /** The layer type's name as written in {@code network.json}, e.g. "conv2d". */
  String type();

  /** This layer as a {@link Weighted} one (conv2d, dense), or empty if it has no weights. */
  default Optional<Weighted> asWeighted() {
    return switch (this) {
      case Weighted w -> Optional.of(w);
      case AvgPool2d p -> Optional.empty();
      case MaxPool2d p -> Optional.empty();
      case BatchNorm bn -> Optional.empty();
      case Relu r -> Optional.empty();
      case Qcfs q -> Optional.empty();
      case Dropout d -> Optional.empty();
      case Flatten f -> Optional.empty();
      case Add a -> Optional.empty();
      case Sign s -> Optional.empty();
    };
  }

  /**
   * Whether this layer has {@link Weights} (conv2d, dense): the layers that are trained, binarized
   * and scaled.
   */
  default boolean hasWeights() {
    return asWeighted().isPresent();
  }

  /**
   * Whether this layer combines two or more inputs ({@link Add}) instead of transforming exactly
   * one.
   */
  default boolean combinesInputs() {
    return switch (this) {
      case Add a -> true;
      case Conv2d c -> false;
      case Dense d -> false;
      case AvgPool2d p -> false;
      case MaxPool2d p -> false;
      case BatchNorm bn -> false;
      case Relu r -> false;
      case Qcfs q -> false;
      case Dropout d -> false;
      case Flatten f -> false;
      case Sign s -> false;
    };
  }

  /**
   * Whether conversion turns this layer into spiking neurons ({@link Relu}, {@link Qcfs}):
   * normalizers calibrate a threshold for each such layer, and a spiking layer of the converted
   * network ends at each. {@link Sign} is an activation too, but has no spiking equivalent.
   */
  default boolean isSpikingActivation() {
    return switch (this) {
      case Relu r -> true;
      case Qcfs q -> true;
      case Conv2d c -> false;
      case Dense d -> false;
      case AvgPool2d p -> false;
      case MaxPool2d p -> false;
      case BatchNorm bn -> false;
      case Dropout d -> false;
      case Flatten f -> false;
      case Add a -> false;
      case Sign s -> false;
    };
  }

  /**
   * Whether this layer gates spikes in a spiking network ({@link MaxPool2d}): it passes the spikes
   * of the input with the highest rate so far, so it needs spikes at its input and cannot be a
   * plain synaptic operation.
   */
  default boolean isSpikingGate() {
    return switch (this) {
      case MaxPool2d p -> true;
      case Conv2d c -> false;
      case Dense d -> false;
      case AvgPool2d p -> false;
      case BatchNorm bn -> false;
      case Relu r -> false;
      case Qcfs q -> false;
      case Dropout d -> false;
      case Flatten f -> false;
      case Add a -> false;
      case Sign s -> false;
    };
  }

  /** Whether this layer only changes the layout of its input, not a value ({@link Flatten}). */
  default boolean reshapesOnly() {
    return switch (this) {
      case Flatten f -> true;
      case Conv2d c -> false;
      case Dense d -> false;
      case AvgPool2d p -> false;
      case MaxPool2d p -> false;
      case BatchNorm bn -> false;
      case Relu r -> false;
      case Qcfs q -> false;
      case Dropout d -> false;
      case Add a -> false;
      case Sign s -> false;
    };
  }

  /**
   * Whether this layer is an activation with no spiking equivalent ({@link Sign}, a binary
   * activation): networks holding one can be evaluated as ANNs only.
   */
  default boolean hasNoSpikingEquivalent() {
    return switch (this) {
      case Sign s -> true;
      case Conv2d c -> false;
      case Dense d -> false;
      case AvgPool2d p -> false;
      case MaxPool2d p -> false;
      case BatchNorm bn -> false;
      case Relu r -> false;
      case Qcfs q -> false;
      case Dropout d -> false;
      case Flatten f -> false;
      case Add a -> false;
    };
  }

  /**
   * A layer with {@link Weights} and an optional bias, one value per output: conv2d or dense.
   * Rewrites that only touch the parameters (binarization, batch-norm folding, threshold scaling)
   * use {@link #withParameters} and so keep the layer's type and geometry.
   */
  sealed interface Weighted extends Layer permits Conv2d, Dense {
    /** The weights; dimension 0 is the output. */
    Weights weights();

    /** The bias, shape [outputs], or {@code null} for none. */
    INDArray bias();

    /**
     * The same layer (type and geometry) with other parameters.
     *
     * @param weights same shape as {@link #weights()}
     * @param bias shape [outputs], or {@code null} for none
     */
    Weighted withParameters(Weights weights, INDArray bias);
  }

  /**
   * 2-D convolution.
   *
   * @param kernel kernel height and width
   * @param stride stride in both directions, at least 1
   * @param padding zero padding on each side
   * @param weights shape [out, in, kernel, kernel]
   * @param bias shape [out], or {@code null} for none
   */
  record Conv2d(int kernel, int stride, int padding, Weights weights, INDArray bias)
      implements Weighted {
    /** Validates geometry and weight shape. */
    public Conv2d {
      Objects.requireNonNull(weights, "weights");
      if (kernel < 1 || stride < 1 || padding < 0) {
        throw new IllegalArgumentException(
            "conv2d needs kernel>=1, stride>=1, padding>=0; got "
                + kernel
                + ","
                + stride
                + ","
                + padding);
      }
      long[] s = weights.shape();
      if (s.length != 4 || s[2] != kernel || s[3] != kernel) {
        throw new IllegalArgumentException(
            "conv2d weights must be [out,in,"
                + kernel
                + ","
                + kernel
                + "], got "
                + java.util.Arrays.toString(s));
      }
      if (bias != null && bias.length() != s[0]) {
        throw new IllegalArgumentException(
            "conv2d bias needs " + s[0] + " values, got " + bias.length());
      }
    }

    /** Input channels. */
    public long inChannels() {
      return weights.shape()[1];
    }

    /** Output channels. */
    public long outChannels() {
      return weights.shape()[0];
    }

    @Override
    public Conv2d withParameters(Weights weights, INDArray bias) {
      return new Conv2d(kernel, stride, padding, weights, bias);
    }

    @Override
    public String type() {
      return "conv2d";
    }
  }

  /**
   * Fully connected layer {@code y = W x + b}.
   *
   * @param weights shape [out, in]
   * @param bias shape [out], or {@code null} for none
   */
  record Dense(Weights weights, INDArray bias) implements Weighted {
    /** Validates the weight shape. */
    public Dense {
      Objects.requireNonNull(weights, "weights");
      if (weights.shape().length != 2) {
        throw new IllegalArgumentException("dense weights must be [out,in]");
      }
      if (bias != null && bias.length() != weights.shape()[0]) {
        throw new IllegalArgumentException(
            "dense bias needs " + weights.shape()[0] + " values, got " + bias.length());
      }
    }

    /** Input features. */
    public long inFeatures() {
      return weights.shape()[1];
    }

    /** Output features. */
    public long outFeatures() {
      return weights.shape()[0];
    }

    @Override
    public Dense withParameters(Weights weights, INDArray bias) {
      return new Dense(weights, bias);
    }

    @Override
    public String type() {
      return "dense";
    }
  }

  /** Average pooling with a square window (no padding). */
  record AvgPool2d(int kernel, int stride) implements Layer {
    /** Validates the window. */
    public AvgPool2d {
      if (kernel < 1 || stride < 1) {
        throw new IllegalArgumentException("avgpool2d needs kernel>=1 and stride>=1");
      }
    }

    @Override
    public String type() {
      return "avgpool2d";
    }
  }

  /** Max pooling with a square window (no padding). */
  record MaxPool2d(int kernel, int stride) implements Layer {
    /** Validates the window. */
    public MaxPool2d {
      if (kernel < 1 || stride < 1) {
        throw new IllegalArgumentException("maxpool2d needs kernel>=1 and stride>=1");
      }
    }

    @Override
    public String type() {
      return "maxpool2d";
    }
  }

  /**
   * Inference-mode batch normalization over channels (dimension 1): {@code y = gamma (x - mean) /
   * sqrt(var + eps) + beta}.
   *
   * @param gamma scale, shape [channels]
   * @param beta shift, shape [channels]
   * @param mean running mean, shape [channels]
   * @param variance running variance, shape [channels]
   * @param epsilon added to the variance, positive
   */
  record BatchNorm(INDArray gamma, INDArray beta, INDArray mean, INDArray variance, double epsilon)
      implements Layer {
    /** Validates that all statistics have one value per channel. */
    public BatchNorm {
      long c = gamma.length();
      if (beta.length() != c || mean.length() != c || variance.length() != c) {
        throw new IllegalArgumentException("batchnorm statistics must all have " + c + " values");
      }
      if (!(epsilon > 0)) {
        throw new IllegalArgumentException("batchnorm epsilon must be positive, got " + epsilon);
      }
    }

    @Override
    public String type() {
      return "batchnorm";
    }
  }

  /** Rectified linear unit; becomes the integrate-and-fire neuron in conversion. */
  record Relu() implements Layer {
    @Override
    public String type() {
      return "relu";
    }
  }

  /**
   * Quantization-clip-floor-shift activation of Bu et al. (ICLR 2022, "Optimal ANN-SNN Conversion
   * for High-accuracy and Ultra-low-latency Spiking Neural Networks"): {@code h(x) = lambda *
   * clip(floor(x * levels / lambda + 1/2) / levels, 0, 1)}, a ReLU clipped at the trained {@code
   * lambda} and quantized to {@code levels} steps, shifted by half a step. It stands in for a ReLU
   * in training, and conversion turns it into integrate-and-fire neurons with threshold {@code
   * lambda}: with {@code levels} = T timesteps and an initial membrane potential of half the
   * threshold, the neuron's rate times the threshold equals {@code h} (the paper's result).
   *
   * @param lambda the clip value (trained threshold), finite and positive
   * @param levels quantization steps L, at least 1
   */
  record Qcfs(double lambda, int levels) implements Layer {
    /** Validates lambda and levels. */
    public Qcfs {
      if (!(lambda > 0) || !Double.isFinite(lambda)) {
        throw new IllegalArgumentException(
            "qcfs lambda must be finite and positive, got " + lambda);
      }
      if (levels < 1) {
        throw new IllegalArgumentException("qcfs levels must be at least 1, got " + levels);
      }
    }

    @Override
    public String type() {
      return "qcfs";
    }
  }

  /**
   * Dropout; the identity at inference, removed by conversion.
   *
   * @param rate drop probability during training, in [0, 1)
   */
  record Dropout(double rate) implements Layer {
    /** Validates the rate. */
    public Dropout {
      if (!(rate >= 0 && rate < 1)) {
        throw new IllegalArgumentException("dropout rate must be in [0,1), got " + rate);
      }
    }

    @Override
    public String type() {
      return "dropout";
    }
  }

  /** Flattens [n, c, h, w] to [n, c*h*w] in C order (as PyTorch's {@code flatten(1)}). */
  record Flatten() implements Layer {
    @Override
    public String type() {
      return "flatten";
    }
  }

  /** Element-wise sum of two or more inputs of equal shape (residual connections). */
  record Add() implements Layer {
    @Override
    public String type() {
      return "add";
    }
  }

  /**
   * Binary activation of XNOR-Net (Rastegari et al. 2016): {@code +1} where the input is {@code >=
   * 0}, else {@code -1}, so every output is exactly ±1 (PyTorch's {@code sign} would give 0 at 0).
   * Trainers use a straight-through gradient that passes where {@code |x| <= 1}. ANN-only: it has
   * no spiking equivalent, and converters reject it.
   */
  record Sign() implements Layer {
    @Override
    public String type() {
      return "sign";
    }
  }
}
