package org.bsnn.plugins.simulation.engine;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Weights;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.nd4j.linalg.factory.Nd4j;

/**
 * JMH microbenchmarks of the per-sample kernels on vgg15ab layer shapes: the binary convolution
 * by AND + popcount and by 16-bit scatter, and the event-driven float scatter, at several input
 * spike rates; one call is one sample's current of one layer for one timestep. Run by hand (see
 * the README, "Simulator backends"); not part of the tests.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmarks {

  /** "inChannels x size -> outChannels [p]" (p: 2x2 average pooling follows). */
  @Param({"64x32-64p", "128x16-128p", "256x8-256", "512x4-512", "512x2-512p"})
  public String layer;

  @Param({"0.02", "0.05", "0.1", "0.2"})
  public double rate;

  private BinaryConvKernel popcount;
  private BinaryConvKernel scatter;
  private FloatConvKernel floats;
  private long[] bits;
  private int spikes;
  private float[] out;
  private final Scratch scratch = new Scratch();

  @Setup(Level.Trial)
  public void setUp() {
    String[] io = layer.split("-");
    String[] in = io[0].split("x");
    int c = Integer.parseInt(in[0]);
    int size = Integer.parseInt(in[1]);
    boolean pool = io[1].endsWith("p");
    int o = Integer.parseInt(pool ? io[1].substring(0, io[1].length() - 1) : io[1]);
    Random r = new Random(1);
    float[] signs = new float[o * c * 9];
    float[] weights = new float[signs.length];
    for (int i = 0; i < signs.length; i++) {
      signs[i] = r.nextBoolean() ? 1f : -1f;
      weights[i] = signs[i] * 0.01f;
    }
    float[] alpha = new float[o];
    java.util.Arrays.fill(alpha, 0.01f);
    Layout source = new Layout(new long[] {c, size, size});
    Tail tail = new Tail(o, size, size, pool ? 2 : 0, pool ? 2 : 0);
    Layer.Conv2d conv = new Layer.Conv2d(3, 1, 1,
        new Weights.Binary(Nd4j.create(signs, new long[] {o, c, 3, 3}, 'c'), Nd4j.create(alpha, new long[] {o}, 'c')), null);
    popcount = new BinaryConvKernel(source, conv, signs, alpha, null, tail, size, size, KernelChoice.POPCOUNT);
    scatter = new BinaryConvKernel(source, conv, signs, alpha, null, tail, size, size, KernelChoice.SCATTER);
    floats = new FloatConvKernel(source, conv, weights, null, null, tail, size, size);
    bits = new long[source.words];
    int channels = source.channels;
    for (int p = 0; p < source.pixels; p++) {
      for (int ch = 0; ch < channels; ch++) {
        if (r.nextDouble() < rate) {
          bits[p * source.wordsPerPixel + (ch >>> 6)] |= 1L << (ch & 63);
          spikes++;
        }
      }
    }
    out = new float[tail.outSize()];
  }

  @Benchmark
  public float binaryPopcount() {
    popcount.compute(bits, spikes, scratch, out, true);
    return out[0];
  }

  @Benchmark
  public float binaryScatter() {
    scatter.compute(bits, spikes, scratch, out, true);
    return out[0];
  }

  @Benchmark
  public float floatScatter() {
    floats.compute(bits, spikes, scratch, out, true);
    return out[0];
  }
}
