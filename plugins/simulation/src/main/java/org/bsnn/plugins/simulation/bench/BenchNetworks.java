package org.bsnn.plugins.simulation.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Weights;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Untrained spiking networks for benchmarks and equivalence tests, built without the training,
 * conversion or model-zoo plugins: a VGG of the paper's {@code vgg15ab} design (3x3 convs without
 * bias, 2x2 average pooling before the ReLU, fully connected head; spec text as in {@code
 * vgg-small}, e.g. {@code c32-c32p-c64-c64p-fc256-fc10}) or an MLP, with random weights (Kaiming
 * normal fan-out for convs, N(0, 0.01) for fully connected layers; binary layers get random signs
 * and the XNOR-Net scale {@code mean|W|} of that init), converted as the {@code if-neuron}
 * converter does: data-based threshold balancing with a percentile of each ReLU's activations on
 * calibration images, weights scaled by {@code λ_prev/λ}, threshold 1, reset by subtraction, direct
 * input. With {@code powerOfTwo}, each binary layer's scaled alpha is rounded to a power of two, so
 * the bitpacked backend's trace is bit-identical to the reference's.
 */
public final class BenchNetworks {

  private BenchNetworks() {}

  /** vgg15ab for CIFAR-100 (32x32x3, 100 classes). */
  public static final String VGG15AB =
      "c64-c64p-c128-c128p-c256-c256-c256p-c512-c512-c512p-c512-c512-c512p-fc4096-fc100";

  /** The quick experiment's vgg-small for 28x28 images. */
  public static final String VGG_SMALL = "c32-c32p-c64-c64p-fc256-fc10";

  /**
   * How a network is built.
   *
   * @param binary binary weights in every layer but the first and the last
   * @param powerOfTwo round each binary layer's scaled alpha to a power of two (exact sums)
   * @param percentile threshold-balancing percentile of the ReLU activations, (0, 100]
   * @param weightQuantum if positive (a power of two), real weights after the first layer are
   *     rounded to multiples of it, so that sums of them are exact in float32 (event-driven
   *     equivalence tests); 0 keeps them as they are
   */
  public record Options(
      boolean binary,
      boolean powerOfTwo,
      double percentile,
      Propagation propagation,
      long seed,
      double weightQuantum) {
    /** Options without weight rounding. */
    public Options(
        boolean binary, boolean powerOfTwo, double percentile, Propagation propagation, long seed) {
      this(binary, powerOfTwo, percentile, propagation, seed, 0);
    }
  }

  /**
   * A VGG SNN.
   *
   * @param spec layer text, convs first, ending with the classifier fcN
   * @param inputShape [channels, height, width]
   * @param calibration flat images for threshold balancing
   */
  public static SpikingNetwork vgg(
      String name, String spec, long[] inputShape, float[][] calibration, Options o) {
    Random r = new Random(o.seed);
    List<List<Layer>> blocks = new ArrayList<>();
    String[] tokens = spec.split("-");
    long channels = inputShape[0];
    boolean convs = true;
    long features = 0;
    long[] shape = inputShape.clone();
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      boolean first = i == 0;
      boolean last = i == tokens.length - 1;
      boolean binary = o.binary && !first && !last;
      List<Layer> ops = new ArrayList<>();
      if (t.startsWith("c")) {
        boolean pool = t.endsWith("p");
        int width = Integer.parseInt(t.substring(1, pool ? t.length() - 1 : t.length()));
        double std = Math.sqrt(2.0 / (width * 9.0));
        ops.add(new Layer.Conv2d(3, 1, 1, weights(r, binary, std, width, channels, 3, 3), null));
        if (pool) {
          ops.add(new Layer.AvgPool2d(2, 2));
        }
        channels = width;
        for (Layer op : ops) {
          shape = LayerOps.outputShape(op, List.of(shape));
        }
      } else {
        int width = Integer.parseInt(t.substring(2));
        if (convs) {
          ops.add(new Layer.Flatten());
          features = shape[0] * shape[1] * shape[2];
          convs = false;
        }
        ops.add(new Layer.Dense(weights(r, binary, 0.01, width, features), null));
        features = width;
      }
      blocks.add(ops);
    }
    return convert(name, inputShape, blocks, calibration, o);
  }

  /**
   * An MLP with random hidden layers (Gaussian, std 1/sqrt(fan-in), small biases), e.g. sizes 1024,
   * 1024, 10.
   */
  public static SpikingNetwork mlp(
      String name, long[] inputShape, int[] sizes, float[][] calibration, Options o) {
    Random r = new Random(o.seed);
    List<List<Layer>> blocks = new ArrayList<>();
    long in = inputShape[0] * inputShape[1] * inputShape[2];
    for (int i = 0; i < sizes.length; i++) {
      boolean binary = o.binary && i > 0 && i < sizes.length - 1;
      List<Layer> ops = new ArrayList<>();
      if (i == 0) {
        ops.add(new Layer.Flatten());
      }
      float[] b = new float[sizes[i]];
      for (int k = 0; k < b.length; k++) {
        b[k] = (float) (r.nextGaussian() * 0.1);
      }
      ops.add(
          new Layer.Dense(
              weights(r, binary, 1.0 / Math.sqrt(in), sizes[i], in),
              binary ? null : Nd4j.create(b, new long[] {b.length}, 'c')));
      blocks.add(ops);
      in = sizes[i];
    }
    return convert(name, inputShape, blocks, calibration, o);
  }

  private static Weights weights(Random r, boolean binary, double std, long... shape) {
    int n = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
    float[] v = new float[n];
    if (binary) {
      for (int i = 0; i < n; i++) {
        v[i] = r.nextBoolean() ? 1f : -1f;
      }
      float[] alpha = new float[(int) shape[0]];
      Arrays.fill(alpha, (float) (std * Math.sqrt(2 / Math.PI))); // mean |w| of N(0, std)
      return new Weights.Binary(
          Nd4j.create(v, shape, 'c'), Nd4j.create(alpha, new long[] {alpha.length}, 'c'));
    }
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * std);
    }
    return new Weights.FullPrecision(Nd4j.create(v, shape, 'c'));
  }

  /** Threshold balancing on the calibration images, then one IF node per ReLU and an integrator. */
  private static SpikingNetwork convert(
      String name, long[] inputShape, List<List<Layer>> blocks, float[][] calibration, Options o) {
    double[] lambda = new double[blocks.size() - 1];
    int m = calibration.length;
    long[] batchShape = {m, inputShape[0], inputShape[1], inputShape[2]};
    float[] flat = new float[Math.toIntExact(m * inputShape[0] * inputShape[1] * inputShape[2])];
    int size = flat.length / m;
    for (int i = 0; i < m; i++) {
      System.arraycopy(calibration[i], 0, flat, i * size, size);
    }
    INDArray x = Nd4j.create(flat, batchShape, 'c');
    for (int b = 0; b < lambda.length; b++) {
      INDArray y = x;
      for (Layer op : blocks.get(b)) {
        INDArray next = LayerOps.apply(op, y);
        if (y != x) {
          y.close();
        }
        y = next;
      }
      INDArray a = Transforms.relu(y, false);
      lambda[b] = percentile(a, o.percentile);
      if (!(lambda[b] > 0)) {
        lambda[b] = 1;
      }
      x.close();
      x = a;
    }
    x.close();
    List<SpikingNode> nodes = new ArrayList<>();
    String source = SpikingNetwork.INPUT;
    double previous = 1;
    for (int b = 0; b < blocks.size(); b++) {
      boolean output = b == blocks.size() - 1;
      double factor = output ? previous : previous / lambda[b];
      List<Layer> ops =
          scaled(
              blocks.get(b),
              factor,
              output ? 1.0 : 1.0 / lambda[b],
              o.powerOfTwo,
              b == 0 ? 0 : o.weightQuantum);
      String node = output ? "out" : "l" + (b + 1);
      Neuron neuron =
          output
              ? new Neuron.Integrator()
              : new Neuron.IntegrateAndFire(
                  Nd4j.create(new float[] {1f}, new long[] {1}, 'c'), ResetMode.SUBTRACT);
      nodes.add(new SpikingNode(node, List.of(new Projection(source, ops)), neuron));
      source = node;
      if (!output) {
        previous = lambda[b];
      }
    }
    return new SpikingNetwork(
        name,
        inputShape,
        nodes,
        Encoding.DIRECT,
        o.propagation,
        Readout.POTENTIAL,
        Map.of(
            "lambdas",
            Arrays.toString(lambda),
            "percentile",
            String.format(Locale.ROOT, "%.1f", o.percentile)));
  }

  private static List<Layer> scaled(
      List<Layer> ops, double factor, double biasFactor, boolean powerOfTwo, double quantum) {
    List<Layer> out = new ArrayList<>();
    for (Layer op : ops) {
      out.add(
          switch (op) {
            case Layer.Conv2d c ->
                new Layer.Conv2d(
                    c.kernel(),
                    c.stride(),
                    c.padding(),
                    scale(c.weights(), factor, powerOfTwo, quantum),
                    bias(c.bias(), biasFactor, quantum));
            case Layer.Dense d ->
                new Layer.Dense(
                    scale(d.weights(), factor, powerOfTwo, quantum),
                    bias(d.bias(), biasFactor, quantum));
            // unweighted ops stay as they are
            case Layer.AvgPool2d a -> a;
            case Layer.MaxPool2d m -> m;
            case Layer.BatchNorm b -> b;
            case Layer.Relu r -> r;
            case Layer.Qcfs q -> q;
            case Layer.Dropout d -> d;
            case Layer.Flatten f -> f;
            case Layer.Add a -> a;
            case Layer.Sign g -> g;
          });
    }
    return out;
  }

  private static INDArray bias(INDArray b, double factor, double quantum) {
    return b == null ? null : round(b.mul(factor), quantum);
  }

  /** Rounds every value to a multiple of {@code quantum} (no-op for 0). */
  private static INDArray round(INDArray a, double quantum) {
    if (quantum <= 0) {
      return a;
    }
    float[] v = a.dup('c').data().asFloat();
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (Math.rint(v[i] / quantum) * quantum);
    }
    return Nd4j.create(v, a.shape(), 'c');
  }

  private static Weights scale(Weights w, double factor, boolean powerOfTwo, double quantum) {
    return switch (w) {
      case Weights.Binary b -> {
        float[] a = b.alpha().dup().data().asFloat();
        for (int i = 0; i < a.length; i++) {
          double v = a[i] * factor;
          a[i] =
              powerOfTwo ? (float) Math.pow(2, Math.round(Math.log(v) / Math.log(2))) : (float) v;
        }
        yield new Weights.Binary(b.signs(), Nd4j.create(a, new long[] {a.length}, 'c'));
      }
      case Weights.FullPrecision full ->
          new Weights.FullPrecision(round(full.values().mul(factor), quantum));
    };
  }

  /** The p-th percentile (0-100] of all values, zeros included (nearest rank). */
  static double percentile(INDArray a, double p) {
    float[] v;
    try (INDArray c = a.castTo(DataType.FLOAT).dup('c')) {
      v = c.data().asFloat();
    }
    Arrays.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, rank))];
  }
}
