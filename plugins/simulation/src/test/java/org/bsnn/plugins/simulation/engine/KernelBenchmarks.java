package org.bsnn.plugins.simulation.engine;

import java.util.Random;
import java.util.concurrent.TimeUnit;
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

/**
 * JMH microbenchmarks of the per-sample kernels on vgg15ab layer shapes: the binary convolution by
 * AND + popcount and by 16-bit scatter, and the event-driven float scatter, at several input spike
 * rates; one call is one sample's current of one layer for one timestep. Run by hand (see
 * docs/benchmarks.md, "Kernel microbenchmarks"); not part of the tests.
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
    Random r = new Random(1);
    BenchConvLayer l = BenchConvLayer.of(layer, r);
    float[] weights = new float[l.signs().length];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = l.signs()[i] * 0.01f;
    }
    Tail tail = l.tail();
    popcount = l.binaryKernel(KernelChoice.POPCOUNT);
    scatter = l.binaryKernel(KernelChoice.SCATTER);
    floats =
        new FloatConvKernel(l.source(), l.conv(), weights, null, null, tail, l.size(), l.size());
    bits = new long[l.source().words];
    spikes = l.randomSpikes(r, rate, bits);
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
