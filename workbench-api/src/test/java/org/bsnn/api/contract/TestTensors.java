package org.bsnn.api.contract;

import java.util.Random;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Weights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Deterministic float32 test tensors and small builders for plugin tests. */
public final class TestTensors {
  private TestTensors() {}

  /** Standard-normal values times {@code std}, from a fixed seed, C order. */
  public static INDArray randn(long seed, double std, long... shape) {
    Random r = new Random(seed);
    float[] v = new float[Math.toIntExact(length(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() * std);
    }
    return Nd4j.create(v, shape, 'c');
  }

  /** Uniform values in [lo, hi), from a fixed seed, C order. */
  public static INDArray uniform(long seed, double lo, double hi, long... shape) {
    Random r = new Random(seed);
    float[] v = new float[Math.toIntExact(length(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (lo + (hi - lo) * r.nextDouble());
    }
    return Nd4j.create(v, shape, 'c');
  }

  /** A float32 matrix from rows. */
  public static INDArray matrix(double[][] rows) {
    float[] v = new float[rows.length * rows[0].length];
    int k = 0;
    for (double[] row : rows) {
      for (double x : row) {
        v[k++] = (float) x;
      }
    }
    return Nd4j.create(v, new long[] {rows.length, rows[0].length}, 'c');
  }

  /** A float32 vector. */
  public static INDArray vector(double... values) {
    float[] v = new float[values.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) values[i];
    }
    return Nd4j.create(v, new long[] {values.length}, 'c');
  }

  /** A dense layer with full-precision weights (rows = outputs) and an optional bias. */
  public static Layer.Dense dense(double[][] weights, double[] bias) {
    return new Layer.Dense(
        new Weights.FullPrecision(matrix(weights)), bias == null ? null : vector(bias));
  }

  /** A flat float array as double[], in C order. */
  public static double[] values(INDArray a) {
    return a.dup('c').data().asDouble();
  }

  private static long length(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }
}
