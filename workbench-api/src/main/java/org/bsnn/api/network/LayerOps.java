package org.bsnn.api.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Forward computation and shape inference for single IR {@link Layer}s.
 *
 * <p>Activations are batched: images are NCHW {@code [n, channels, height, width]}, flat
 * activations are {@code [n, features]}. Per-sample shapes (used by {@link #outputShape}) are the
 * same without the leading batch dimension. Every {@code apply} returns a new array; inputs are
 * never modified, closed, or aliased by the result, so a caller may close them right after.
 */
public final class LayerOps {

  private LayerOps() {}

  /**
   * Applies a single-input layer to a batch.
   *
   * @param layer the operation (any type but {@link Layer.Add})
   * @param input {@code [n, c, h, w]} or {@code [n, features]}, float32
   * @return a new array, shape {@code [n] + outputShape(layer, inputShape without n)}
   * @throws IllegalArgumentException if the input shape does not fit the layer
   */
  public static INDArray apply(Layer layer, INDArray input) {
    return apply(layer, List.of(input));
  }

  /**
   * Applies a layer to a batch.
   *
   * @param layer the operation
   * @param inputs one array per layer input (two or more for {@link Layer.Add}, else one), all with
   *     the same batch size n
   * @return a new array, shape {@code [n] + outputShape(layer, per-sample input shapes)}
   * @throws IllegalArgumentException if the input count or shapes do not fit the layer
   */
  public static INDArray apply(Layer layer, List<INDArray> inputs) {
    // Validating through the per-sample shape rules gives one set of error messages for both the
    // static network check and the batched run, and catches e.g. a rank-4 input to dense before
    // ND4J fails with a less helpful message.
    List<long[]> sampleShapes = new ArrayList<>(inputs.size());
    long n = -1;
    for (INDArray in : inputs) {
      if (in.rank() < 2 || in.size(0) == 0) {
        throw new IllegalArgumentException(
            layer.type()
                + " needs a batched input [n, ...] with n >= 1, got shape "
                + Arrays.toString(in.shape()));
      }
      if (n >= 0 && in.size(0) != n) {
        throw new IllegalArgumentException(
            layer.type() + " inputs have different batch sizes: " + n + " and " + in.size(0));
      }
      n = in.size(0);
      sampleShapes.add(Arrays.copyOfRange(in.shape(), 1, in.rank()));
    }
    outputShape(layer, sampleShapes);

    INDArray x = inputs.get(0);
    return switch (layer) {
      case Layer.Conv2d conv -> conv2d(conv, x);
      case Layer.Dense dense -> dense(dense, x);
      case Layer.AvgPool2d pool ->
          pool(x, pool.kernel(), pool.stride(), Pooling2D.Pooling2DType.AVG);
      case Layer.MaxPool2d pool ->
          pool(x, pool.kernel(), pool.stride(), Pooling2D.Pooling2DType.MAX);
      case Layer.BatchNorm bn -> batchNorm(bn, x);
      case Layer.Relu r -> Transforms.relu(x, true);
      case Layer.Qcfs q -> qcfs(q, x);
      case Layer.Sign s -> sign(x);
      case Layer.Dropout d -> x.dup();
      case Layer.Flatten f -> flatten(x, n);
      case Layer.Add a -> sum(inputs);
    };
  }

  /**
   * {@code lambda * clip(floor(x * L / lambda + 1/2) / L, 0, 1)}, in the order the trainer's graph
   * computes it (times 1/lambda, scale, shift, floor, divide, clip, multiply), so the IR's
   * activations are the trained network's.
   */
  static INDArray qcfs(Layer.Qcfs q, INDArray x) {
    INDArray y = x.mul((float) (1 / (float) q.lambda()));
    y.muli(q.levels()).addi(0.5);
    Transforms.floor(y, false);
    y.divi(q.levels());
    Transforms.min(y, 1.0, false);
    Transforms.max(y, 0.0, false);
    return y.muli(q.lambda());
  }

  private static INDArray flatten(INDArray x, long n) {
    // Copy into a fresh array: a reshape is a view, and ND4J's close() silently ignores views,
    // so NetworkForward could never free it (nor may it share the caller's buffer).
    long[] shape = {n, x.length() / n};
    INDArray flat = Nd4j.createUninitialized(x.dataType(), shape, 'c');
    return flat.assign(x.reshape('c', shape));
  }

  private static INDArray sum(List<INDArray> inputs) {
    INDArray sum = inputs.get(0).dup();
    for (int i = 1; i < inputs.size(); i++) {
      sum.addi(inputs.get(i));
    }
    return sum;
  }

  /**
   * Per-sample output shape of a layer, validating the inputs.
   *
   * @param layer the operation
   * @param inputShapes per-sample shapes of the inputs, without the batch dimension: {@code [c, h,
   *     w]} for images, {@code [features]} for flat activations
   * @return the per-sample output shape
   * @throws IllegalArgumentException naming the mismatch (e.g. "dense expects 512 input features,
   *     got 256")
   */
  public static long[] outputShape(Layer layer, List<long[]> inputShapes) {
    boolean add = layer.combinesInputs();
    if (add ? inputShapes.size() < 2 : inputShapes.size() != 1) {
      throw new IllegalArgumentException(
          layer.type()
              + " takes "
              + (add ? "at least 2 inputs" : "exactly 1 input")
              + ", got "
              + inputShapes.size());
    }
    long[] in = inputShapes.get(0);
    return switch (layer) {
      case Layer.Conv2d conv -> conv2dShape(conv, in);
      case Layer.Dense dense -> denseShape(dense, in);
      case Layer.AvgPool2d pool -> poolShape(layer, in, pool.kernel(), pool.stride());
      case Layer.MaxPool2d pool -> poolShape(layer, in, pool.kernel(), pool.stride());
      case Layer.BatchNorm bn -> batchNormShape(bn, in);
      case Layer.Relu r -> in.clone();
      case Layer.Qcfs q -> in.clone();
      case Layer.Dropout d -> in.clone();
      case Layer.Sign s -> in.clone();
      case Layer.Flatten f -> flatShape(in);
      case Layer.Add a -> addShape(inputShapes);
    };
  }

  private static long[] conv2dShape(Layer.Conv2d conv, long[] in) {
    requireImage(conv, in);
    if (in[0] != conv.inChannels()) {
      throw new IllegalArgumentException(
          "conv2d expects "
              + conv.inChannels()
              + " input channels, got "
              + in[0]
              + " (input shape "
              + Arrays.toString(in)
              + ")");
    }
    return new long[] {
      conv.outChannels(),
      window(conv, in[1], conv.kernel(), conv.stride(), conv.padding(), "height"),
      window(conv, in[2], conv.kernel(), conv.stride(), conv.padding(), "width")
    };
  }

  private static long[] denseShape(Layer.Dense dense, long[] in) {
    if (in.length != 1) {
      throw new IllegalArgumentException(
          "dense expects a flat input [features], got "
              + Arrays.toString(in)
              + "; the IR requires an explicit flatten node before dense");
    }
    if (in[0] != dense.inFeatures()) {
      throw new IllegalArgumentException(
          "dense expects " + dense.inFeatures() + " input features, got " + in[0]);
    }
    return new long[] {dense.outFeatures()};
  }

  private static long[] batchNormShape(Layer.BatchNorm bn, long[] in) {
    if (in.length != 1 && in.length != 3) {
      throw new IllegalArgumentException(
          "batchnorm expects [channels, h, w] or [features], got " + Arrays.toString(in));
    }
    if (in[0] != bn.gamma().length()) {
      throw new IllegalArgumentException(
          "batchnorm expects "
              + bn.gamma().length()
              + " channels, got "
              + in[0]
              + " (input shape "
              + Arrays.toString(in)
              + ")");
    }
    return in.clone();
  }

  private static long[] flatShape(long[] in) {
    long size = 1;
    for (long d : in) {
      size *= d;
    }
    return new long[] {size};
  }

  private static long[] addShape(List<long[]> inputShapes) {
    long[] in = inputShapes.get(0);
    for (int i = 1; i < inputShapes.size(); i++) {
      if (!Arrays.equals(in, inputShapes.get(i))) {
        throw new IllegalArgumentException(
            "add expects inputs of equal shape, got "
                + Arrays.toString(in)
                + " and "
                + Arrays.toString(inputShapes.get(i))
                + " (input "
                + (i + 1)
                + ")");
      }
    }
    return in.clone();
  }

  private static void requireImage(Layer layer, long[] in) {
    if (in.length != 3) {
      throw new IllegalArgumentException(
          layer.type()
              + " expects an image input [channels, height, width], got "
              + Arrays.toString(in));
    }
  }

  private static long[] poolShape(Layer layer, long[] in, int kernel, int stride) {
    requireImage(layer, in);
    return new long[] {
      in[0],
      window(layer, in[1], kernel, stride, 0, "height"),
      window(layer, in[2], kernel, stride, 0, "width")
    };
  }

  /** Output size of a sliding window (floor mode, as PyTorch's default). */
  private static long window(
      Layer layer, long size, int kernel, int stride, int padding, String dim) {
    long padded = size + 2L * padding;
    if (padded < kernel) {
      throw new IllegalArgumentException(
          layer.type()
              + " kernel "
              + kernel
              + " is larger than the input "
              + dim
              + " "
              + size
              + (padding > 0 ? " padded by " + padding + " on each side" : ""));
    }
    return (padded - kernel) / stride + 1;
  }

  private static INDArray conv2d(Layer.Conv2d conv, INDArray x) {
    Conv2DConfig config =
        Conv2DConfig.builder()
            .kH(conv.kernel())
            .kW(conv.kernel())
            .sH(conv.stride())
            .sW(conv.stride())
            .pH(conv.padding())
            .pW(conv.padding())
            .dH(1)
            .dW(1)
            // VALID plus explicit pH/pW is PyTorch's symmetric zero padding; SAME would pick its
            // own.
            .paddingMode(PaddingMode.VALID)
            .dataFormat(Conv2DConfig.NCHW)
            // ND4J defaults to [kH, kW, iC, oC]; the IR stores PyTorch's [oC, iC, kH, kW].
            .weightsFormat(WeightsFormat.OIYX)
            .build();
    return switch (conv.weights()) {
      case Weights.Binary binary ->
          scaleAndShift(Nd4j.cnn().conv2d(x, binary.signs(), config), binary.alpha(), conv.bias());
      case Weights.FullPrecision full ->
          conv.bias() == null
              ? Nd4j.cnn().conv2d(x, full.values(), config)
              : Nd4j.cnn()
                  .conv2d(x, full.values(), conv.bias().reshape(conv.outChannels()), config);
    };
  }

  private static INDArray dense(Layer.Dense dense, INDArray x) {
    return switch (dense.weights()) {
      // x [n, in] . signs^T [in, out]; mmul never aliases its operands.
      case Weights.Binary binary ->
          scaleAndShift(x.mmul(binary.signs().transpose()), binary.alpha(), dense.bias());
      case Weights.FullPrecision full -> {
        INDArray y = x.mmul(full.values().transpose());
        if (dense.bias() != null) {
          AlongDimension.add(y, dense.bias(), y, 1);
        }
        yield y;
      }
    };
  }

  /**
   * {@code y * alpha + bias} per output channel (dimension 1), in place. Binary layers multiply by
   * alpha after summing the signs, not before: with spike inputs the sum of +-1 is an exact integer
   * in any summation order, so the layer's output is rounded once, the same way by every backend
   * (GEMM, oneDNN, popcount, scatter). Summing alpha-scaled weights instead would round every
   * partial sum in an order each library chooses, and spike trains would differ between simulators.
   */
  private static INDArray scaleAndShift(INDArray y, INDArray alpha, INDArray bias) {
    long channels = alpha.length();
    AlongDimension.mul(y, alpha.reshape(channels), y, 1);
    if (bias != null) {
      AlongDimension.add(y, bias.reshape(channels), y, 1);
    }
    return y;
  }

  private static INDArray pool(INDArray x, int kernel, int stride, Pooling2D.Pooling2DType type) {
    Pooling2DConfig config =
        Pooling2DConfig.builder()
            .kH(kernel)
            .kW(kernel)
            .sH(stride)
            .sW(stride)
            .pH(0)
            .pW(0)
            .dH(1)
            .dW(1)
            .type(type)
            // No padding, so every window is full and both divisors equal kernel^2 (PyTorch).
            .divisor(Pooling2D.Divisor.INCLUDE_PADDING)
            .paddingMode(PaddingMode.VALID)
            .isNHWC(false)
            .build();
    return type == Pooling2D.Pooling2DType.AVG
        ? Nd4j.cnn().avgPooling2d(x, config)
        : Nd4j.cnn().maxPooling2d(x, config);
  }

  /** +1 where x >= 0, else -1 (a new array of x's type). */
  private static INDArray sign(INDArray x) {
    try (INDArray nonNegative = x.gte(0.0)) {
      return nonNegative.castTo(x.dataType()).muli(2.0).subi(1.0);
    }
  }

  private static INDArray batchNorm(Layer.BatchNorm bn, INDArray x) {
    // Fold the statistics into one scale and shift per channel, y = x * scale + shift, with
    // scale = gamma / sqrt(var + eps) and shift = beta - mean * scale. The vectors are tiny, so
    // doing this in Java (double precision) avoids a chain of off-heap temporaries.
    double[] gamma = bn.gamma().toDoubleVector();
    double[] beta = bn.beta().toDoubleVector();
    double[] mean = bn.mean().toDoubleVector();
    double[] variance = bn.variance().toDoubleVector();
    double[] scale = new double[gamma.length];
    double[] shift = new double[gamma.length];
    for (int c = 0; c < gamma.length; c++) {
      scale[c] = gamma[c] / Math.sqrt(variance[c] + bn.epsilon());
      shift[c] = beta[c] - mean[c] * scale[c];
    }
    long[] shape = {gamma.length};
    try (INDArray scaleArr = Nd4j.create(scale, shape, x.dataType());
        INDArray shiftArr = Nd4j.create(shift, shape, x.dataType())) {
      INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
      AlongDimension.mul(x, scaleArr, y, 1);
      AlongDimension.add(y, shiftArr, y, 1);
      return y;
    }
  }
}
