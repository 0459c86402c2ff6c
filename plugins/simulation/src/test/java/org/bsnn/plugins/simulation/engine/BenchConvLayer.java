package org.bsnn.plugins.simulation.engine;

import java.util.Arrays;
import java.util.Random;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Weights;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 3x3, stride-1, padded binary convolution of a vgg15ab layer shape with random signs and alpha
 * 0.01, for the kernel microbenchmarks ({@link KernelBenchmarks}, {@link LayerTimer}).
 *
 * @param spec "inChannels x size - outChannels [p]", e.g. {@code 64x32-64p} (p: 2x2 average pooling
 *     follows)
 */
record BenchConvLayer(
    String spec,
    int inChannels,
    int size,
    int outChannels,
    boolean pool,
    float[] signs,
    float[] alpha,
    Layout source,
    Tail tail,
    Layer.Conv2d conv) {

  /** Parses {@code spec} and draws the signs from {@code random}. */
  static BenchConvLayer of(String spec, Random random) {
    String[] io = spec.split("-");
    String[] in = io[0].split("x");
    int c = Integer.parseInt(in[0]);
    int size = Integer.parseInt(in[1]);
    boolean pool = io[1].endsWith("p");
    int o = Integer.parseInt(pool ? io[1].substring(0, io[1].length() - 1) : io[1]);
    float[] signs = new float[o * c * 9];
    for (int i = 0; i < signs.length; i++) {
      signs[i] = random.nextBoolean() ? 1f : -1f;
    }
    float[] alpha = new float[o];
    Arrays.fill(alpha, 0.01f);
    Layer.Conv2d conv =
        new Layer.Conv2d(
            3,
            1,
            1,
            new Weights.Binary(
                Nd4j.create(signs, new long[] {o, c, 3, 3}, 'c'),
                Nd4j.create(alpha, new long[] {o}, 'c')),
            null);
    return new BenchConvLayer(
        spec,
        c,
        size,
        o,
        pool,
        signs,
        alpha,
        new Layout(new long[] {c, size, size}),
        new Tail(o, size, size, pool ? 2 : 0, pool ? 2 : 0),
        conv);
  }

  /** A kernel of the given choice over this layer. */
  BinaryConvKernel binaryKernel(KernelChoice choice) {
    return new BinaryConvKernel(source, conv, signs, alpha, null, tail, size, size, choice);
  }

  /**
   * Sets each input spike with probability {@code rate} in {@code bits} (Layout order); returns how
   * many.
   */
  int randomSpikes(Random random, double rate, long[] bits) {
    int spikes = 0;
    for (int p = 0; p < source.pixels; p++) {
      for (int ch = 0; ch < inChannels; ch++) {
        if (random.nextDouble() < rate) {
          bits[p * source.wordsPerPixel + (ch >>> 6)] |= 1L << (ch & 63);
          spikes++;
        }
      }
    }
    return spikes;
  }
}
