package org.bsnn.plugins.models;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Seeded weight initialisation of the paper's networks (PyTorch's {@code kaiming_normal_(mode=
 * 'fan_out')} for conv, {@code normal_(0, 0.01)} for linear), drawn only from the run's {@link
 * SplittableRandom} so a seed builds the same network on any machine.
 */
public final class WeightInit {

  /** Values are generated in chunks of this many floats, so huge layers need no huge Java array. */
  private static final int CHUNK = 1 << 22;

  private WeightInit() {}

  /**
   * Kaiming-normal conv weights with fan-out scaling: N(0, 2 / (out * k * k)).
   *
   * @return float32, shape [out, in, k, k]
   */
  public static INDArray kaimingNormalFanOut(
      long out, long in, int kernel, SplittableRandom random) {
    double std = Math.sqrt(2.0 / (out * (long) kernel * kernel));
    return normal(new long[] {out, in, kernel, kernel}, std, random);
  }

  /**
   * Normal(0, std^2) weights.
   *
   * @param shape any shape; filled in C order
   * @param std standard deviation (not variance)
   */
  public static INDArray normal(long[] shape, double std, SplittableRandom random) {
    long length = 1;
    for (long d : shape) {
      length *= d;
    }
    INDArray flat = Nd4j.create(DataType.FLOAT, new long[] {length}, 'c');
    for (long start = 0; start < length; start += CHUNK) {
      int n = (int) Math.min(CHUNK, length - start);
      float[] values = new float[n];
      for (int i = 0; i < n; i++) {
        values[i] = (float) (MlpArchitecture.gaussian(random) * std);
      }
      try (INDArray chunk = Nd4j.createFromArray(values)) {
        flat.get(NDArrayIndex.interval(start, start + n)).assign(chunk);
      }
    }
    INDArray w = flat.reshape('c', shape).dup('c');
    flat.close();
    return w;
  }
}
