package org.bsnn.plugins.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Weights;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Generated spiking networks for backend equivalence tests: a small VGG-like binary network with
 * every feature the fast kernels handle (conv + average pooling, channel counts that are not
 * multiples of 64, stride 2, flatten + dense, a node with two projections, an [avgpool, conv] chain
 * that falls back to ND4J) and a full-precision one.
 */
final class TestNetworks {

  private TestNetworks() {}

  /** How binary scales are chosen. */
  enum Alpha {
    /** Random powers of two per output: exact float sums, any thresholds. */
    POWER_OF_TWO,
    /** Crossbar form: alpha 1, thresholds and biases divided by an arbitrary per-neuron a. */
    CROSSBAR,
    /** Arbitrary positive floats: float sums round; no identity guarantee. */
    ARBITRARY
  }

  /** How thresholds are shaped. */
  enum Thresholds {
    SCALAR,
    CHANNEL,
    NEURON
  }

  /** Options of {@link #binary}. */
  record Options(
      Alpha alpha,
      Thresholds thresholds,
      ResetMode reset,
      Propagation propagation,
      Encoding encoding,
      boolean bias,
      boolean fallbackPath) {
    static Options defaults() {
      return new Options(
          Alpha.POWER_OF_TWO,
          Thresholds.SCALAR,
          ResetMode.SUBTRACT,
          Propagation.PIPELINED,
          Encoding.DIRECT,
          false,
          false);
    }

    Options with(Alpha a) {
      return new Options(a, thresholds, reset, propagation, encoding, bias, fallbackPath);
    }

    Options with(Thresholds t) {
      return new Options(alpha, t, reset, propagation, encoding, bias, fallbackPath);
    }

    Options with(ResetMode r) {
      return new Options(alpha, thresholds, r, propagation, encoding, bias, fallbackPath);
    }

    Options with(Propagation p) {
      return new Options(alpha, thresholds, reset, p, encoding, bias, fallbackPath);
    }

    Options with(Encoding e) {
      return new Options(alpha, thresholds, reset, propagation, e, bias, fallbackPath);
    }

    Options withBias(boolean b) {
      return new Options(alpha, thresholds, reset, propagation, encoding, b, fallbackPath);
    }

    Options withFallbackPath(boolean m) {
      return new Options(alpha, thresholds, reset, propagation, encoding, bias, m);
    }
  }

  /**
   * A binary network for [channels, size, size] images (size divisible by 4): FP conv c->8, binary
   * conv 8->16 + avgpool 2, binary conv 16->70, binary conv 70->24 stride 2, a node fed by two
   * binary dense projections (from the stride-2 conv, or with {@code fallbackPath} from an
   * ND4J-only [avgpool, conv] chain, and from the pooled layer), an FP dense output. Weights are
   * scaled so that every layer spikes at moderate rates.
   */
  static SpikingNetwork binary(long seed, int channels, int size, int classes, Options o) {
    Random r = new Random(seed);
    List<SpikingNode> nodes = new ArrayList<>();
    int h2 = size / 2;
    int h4 = size / 4;
    nodes.add(
        node(
            "c1",
            SpikingNetwork.INPUT,
            List.of(
                new Layer.Conv2d(
                    3, 1, 1, fp(r, 0.25, 8, channels, 3, 3), bias(r, o.bias, 8, 0.05))),
            threshold(r, Thresholds.SCALAR, new long[] {8, size, size}, null),
            o.reset));
    float[] a2 = alphas(r, o.alpha, 16, 8 * 9);
    nodes.add(
        node(
            "c2",
            "c1",
            List.of(
                new Layer.Conv2d(
                    3,
                    1,
                    1,
                    bin(r, weightAlpha(o, a2), 16, 8, 3, 3),
                    bias(r, o.bias, 16, 0.05, a2)),
                new Layer.AvgPool2d(2, 2)),
            threshold(r, o.thresholds, new long[] {16, h2, h2}, crossbar(o, a2)),
            o.reset));
    float[] a3 = alphas(r, o.alpha, 70, 16 * 9);
    List<Layer> c3 =
        new ArrayList<>(
            List.of(
                new Layer.Conv2d(
                    3,
                    1,
                    1,
                    bin(r, weightAlpha(o, a3), 70, 16, 3, 3),
                    bias(r, o.bias, 70, 0.05, a3))));
    nodes.add(
        node(
            "c3",
            "c2",
            c3,
            threshold(r, o.thresholds, new long[] {70, h2, h2}, crossbar(o, a3)),
            o.reset));
    float[] a4 = alphas(r, o.alpha, 24, 70 * 9);
    nodes.add(
        node(
            "c4",
            "c3",
            List.of(
                new Layer.Conv2d(
                    3,
                    2,
                    1,
                    bin(r, weightAlpha(o, a4), 24, 70, 3, 3),
                    bias(r, o.bias, 24, 0.05, a4))),
            threshold(r, o.thresholds, new long[] {24, h4, h4}, crossbar(o, a4)),
            o.reset));
    String last = "c4";
    if (o.fallbackPath) {
      // average pooling of spikes, then a conv on the pooled (real) values: not a fast-kernel
      // chain,
      // computed by ND4J in every backend
      float[] a5 = alphas(r, Alpha.POWER_OF_TWO, 24, 16 * 9);
      nodes.add(
          node(
              "m5",
              "c2",
              List.of(
                  new Layer.AvgPool2d(2, 2),
                  new Layer.Conv2d(3, 1, 1, bin(r, a5, 24, 16, 3, 3), null)),
              threshold(r, Thresholds.SCALAR, new long[] {24, h4, h4}, null),
              o.reset));
      last = "m5";
    }
    int f4 = 24 * h4 * h4;
    int f2 = 16 * h2 * h2;
    float[] a6 = alphas(r, o.alpha == Alpha.CROSSBAR ? Alpha.POWER_OF_TWO : o.alpha, 40, f4);
    float[] a7 = alphas(r, o.alpha == Alpha.CROSSBAR ? Alpha.POWER_OF_TWO : o.alpha, 40, f2);
    List<Projection> two =
        List.of(
            new Projection(
                last,
                List.of(
                    new Layer.Flatten(),
                    new Layer.Dense(bin(r, a6, 40, f4), bias(r, o.bias, 40, 0.05, a6)))),
            new Projection(
                "c2", List.of(new Layer.Flatten(), new Layer.Dense(bin(r, a7, 40, f2), null))));
    nodes.add(
        new SpikingNode(
            "d5",
            two,
            new Neuron.IntegrateAndFire(
                threshold(
                    r,
                    o.thresholds == Thresholds.CHANNEL ? Thresholds.NEURON : o.thresholds,
                    new long[] {40},
                    null),
                o.reset)));
    nodes.add(
        new SpikingNode(
            "out",
            List.of(
                new Projection(
                    "d5",
                    List.of(
                        new Layer.Dense(
                            fpCentred(r, 0.3, classes, 40), bias(r, true, classes, 0.02))))),
            new Neuron.Integrator()));
    return new SpikingNetwork(
        "test-binary",
        new long[] {channels, size, size},
        nodes,
        o.encoding,
        o.propagation,
        Readout.POTENTIAL,
        Map.of());
  }

  /**
   * A full-precision network: FP conv c->8, conv 8->12 + avgpool, flatten + dense -> 30, dense
   * output. With {@code exact}, every weight is a multiple of 2^-6 in [-1, 1] (and biases of 2^-6),
   * so every float sum is exact in any order.
   */
  static SpikingNetwork fullPrecision(
      long seed,
      int channels,
      int size,
      int classes,
      boolean exact,
      ResetMode reset,
      Propagation propagation) {
    Random r = new Random(seed);
    int h2 = size / 2;
    List<SpikingNode> nodes = new ArrayList<>();
    nodes.add(
        node(
            "c1",
            SpikingNetwork.INPUT,
            List.of(new Layer.Conv2d(3, 1, 1, fpq(r, 0.7, exact, 8, channels, 3, 3), null)),
            scalar(1f),
            reset));
    nodes.add(
        node(
            "c2",
            "c1",
            List.of(
                new Layer.Conv2d(3, 1, 1, fpq(r, 0.35, exact, 12, 8, 3, 3), biasq(r, exact, 12)),
                new Layer.AvgPool2d(2, 2)),
            scalar(1f),
            reset));
    nodes.add(
        node(
            "d3",
            "c2",
            List.of(
                new Layer.Flatten(),
                new Layer.Dense(fpq(r, 0.2, exact, 30, 12 * h2 * h2), biasq(r, exact, 30))),
            scalar(1f),
            reset));
    nodes.add(
        new SpikingNode(
            "out",
            List.of(
                new Projection(
                    "d3", List.of(new Layer.Dense(fpq(r, 0.3, exact, classes, 30), null)))),
            new Neuron.Integrator()));
    return new SpikingNetwork(
        "test-fp",
        new long[] {channels, size, size},
        nodes,
        Encoding.DIRECT,
        propagation,
        Readout.POTENTIAL,
        Map.of());
  }

  private static SpikingNode node(
      String name, String source, List<Layer> ops, INDArray threshold, ResetMode reset) {
    return new SpikingNode(
        name, List.of(new Projection(source, ops)), new Neuron.IntegrateAndFire(threshold, reset));
  }

  static INDArray scalar(float theta) {
    return Nd4j.create(new float[] {theta}, new long[] {1}, 'c');
  }

  /** The weights' alpha: 1 in the crossbar form (the scale moves into the thresholds). */
  private static float[] weightAlpha(Options o, float[] a) {
    if (o.alpha != Alpha.CROSSBAR) {
      return a;
    }
    float[] ones = new float[a.length];
    java.util.Arrays.fill(ones, 1f);
    return ones;
  }

  /** The crossbar divisors a (one per output) when the options ask for the crossbar form. */
  private static float[] crossbar(Options o, float[] a) {
    return o.alpha == Alpha.CROSSBAR ? a : null;
  }

  private static INDArray threshold(Random r, Thresholds kind, long[] shape, float[] divideBy) {
    if (kind == Thresholds.SCALAR && divideBy == null) {
      return scalar(1f);
    }
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    int channels = (int) shape[0];
    long perChannel = n / channels;
    boolean channelWise = kind != Thresholds.NEURON && shape.length == 3;
    float[] v = new float[(int) (channelWise ? channels : n)];
    for (int i = 0; i < v.length; i++) {
      float theta = kind == Thresholds.SCALAR ? 1f : (float) (0.6 + 0.8 * r.nextDouble());
      int channel = channelWise ? i : (int) (i / perChannel);
      v[i] = divideBy == null ? theta : theta / divideBy[channel];
    }
    return channelWise
        ? Nd4j.create(v, new long[] {channels, 1, 1}, 'c')
        : Nd4j.create(v, shape, 'c');
  }

  /**
   * Per-output scales: powers of two, arbitrary floats, or (crossbar) 1 with the "a" kept for the
   * thresholds. Sized so that about sqrt(fanIn / 10) net ±1 inputs reach a threshold of 1.
   */
  private static float[] alphas(Random r, Alpha mode, int outputs, int fanIn) {
    float[] a = new float[outputs];
    double base = 0.6 / Math.sqrt(fanIn * 0.2);
    for (int o = 0; o < outputs; o++) {
      double x = base * (0.7 + 0.6 * r.nextDouble());
      a[o] =
          mode == Alpha.POWER_OF_TWO
              ? (float) Math.pow(2, Math.round(Math.log(x) / Math.log(2)))
              : (float) x;
    }
    return a;
  }

  /** Binary weights with mostly positive signs (so that the random network stays active). */
  private static Weights.Binary bin(Random r, float[] alphaOrA, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] s = new float[(int) n];
    for (int i = 0; i < s.length; i++) {
      s[i] = r.nextDouble() < 0.52 ? 1f : -1f;
    }
    return new Weights.Binary(
        Nd4j.create(s, shape, 'c'),
        Nd4j.create(alphaOrA.clone(), new long[] {alphaOrA.length}, 'c'));
  }

  private static Weights.FullPrecision fp(Random r, double std, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() * std + std * 0.3);
    }
    return new Weights.FullPrecision(Nd4j.create(v, shape, 'c'));
  }

  private static Weights.FullPrecision fpCentred(Random r, double std, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() * std);
    }
    return new Weights.FullPrecision(Nd4j.create(v, shape, 'c'));
  }

  private static Weights.FullPrecision fpq(Random r, double std, boolean exact, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      double x = r.nextGaussian() * std + std * 0.3;
      v[i] = exact ? (float) (Math.max(-64, Math.min(64, Math.round(x * 64))) / 64.0) : (float) x;
    }
    return new Weights.FullPrecision(Nd4j.create(v, shape, 'c'));
  }

  private static INDArray biasq(Random r, boolean exact, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      double x = r.nextGaussian() * 0.05;
      v[i] = exact ? (float) (Math.round(x * 64) / 64.0) : (float) x;
    }
    return Nd4j.create(v, new long[] {n}, 'c');
  }

  private static INDArray bias(Random r, boolean on, int n, double std) {
    return bias(r, on, n, std, null);
  }

  /** A random bias, divided by the crossbar's a when given (as the crossbar form does). */
  private static INDArray bias(Random r, boolean on, int n, double std, float[] a) {
    if (!on) {
      return null;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * std);
    }
    return Nd4j.create(v, new long[] {n}, 'c');
  }
}
