package org.bsnn.api.network;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Deterministic test tensors and naive reference computations. */
final class TestArrays {
  private TestArrays() {}

  /** Gaussian float32 values from a fixed seed, C order. */
  static INDArray randn(long seed, long... shape) {
    Random r = new Random(seed);
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return Nd4j.create(v, shape, 'c');
  }

  /** Random signs in {-1, +1}, float32. */
  static INDArray signs(long seed, long... shape) {
    INDArray a = randn(seed, shape);
    float[] v = a.data().asFloat();
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i] >= 0 ? 1f : -1f;
    }
    return Nd4j.create(v, shape, 'c');
  }

  /** Positive values in [0.5, 1.5). */
  static INDArray positive(long seed, long... shape) {
    Random r = new Random(seed);
    INDArray a = Nd4j.create(DataType.FLOAT, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, 0.5 + r.nextDouble());
    }
    return a;
  }

  /** 0, 1, 2, ... as float32 in C order. */
  static INDArray arange(long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    return Nd4j.create(v, shape, 'c');
  }

  /** PyTorch conv2d (zero padding, square kernel) by loops; weights OIHW; bias may be null. */
  static INDArray naiveConv(INDArray x, INDArray w, INDArray bias, int stride, int padding) {
    long n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
    long o = w.size(0), k = w.size(2);
    long oh = (h + 2 * padding - k) / stride + 1, ow = (wd + 2 * padding - k) / stride + 1;
    INDArray out = Nd4j.create(DataType.FLOAT, n, o, oh, ow);
    for (long b = 0; b < n; b++) {
      for (long f = 0; f < o; f++) {
        for (long y = 0; y < oh; y++) {
          for (long xx = 0; xx < ow; xx++) {
            double s = bias == null ? 0 : bias.getDouble(f);
            for (long ch = 0; ch < c; ch++) {
              for (long ky = 0; ky < k; ky++) {
                for (long kx = 0; kx < k; kx++) {
                  long iy = y * stride - padding + ky, ix = xx * stride - padding + kx;
                  if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                    s += x.getDouble(b, ch, iy, ix) * w.getDouble(f, ch, ky, kx);
                  }
                }
              }
            }
            out.putScalar(new long[] {b, f, y, xx}, s);
          }
        }
      }
    }
    return out;
  }

  /** Pooling by loops without padding; avg divides by kernel^2. */
  static INDArray naivePool(INDArray x, int kernel, int stride, boolean max) {
    long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    long oh = (h - kernel) / stride + 1, ow = (w - kernel) / stride + 1;
    INDArray out = Nd4j.create(DataType.FLOAT, n, c, oh, ow);
    for (long b = 0; b < n; b++) {
      for (long ch = 0; ch < c; ch++) {
        for (long y = 0; y < oh; y++) {
          for (long xx = 0; xx < ow; xx++) {
            double acc = max ? Double.NEGATIVE_INFINITY : 0;
            for (long ky = 0; ky < kernel; ky++) {
              for (long kx = 0; kx < kernel; kx++) {
                double v = x.getDouble(b, ch, y * stride + ky, xx * stride + kx);
                acc = max ? Math.max(acc, v) : acc + v;
              }
            }
            out.putScalar(new long[] {b, ch, y, xx}, max ? acc : acc / (kernel * kernel));
          }
        }
      }
    }
    return out;
  }

  /** x [n, in] times W^T plus b, by loops. */
  static INDArray naiveDense(INDArray x, INDArray w, INDArray bias) {
    INDArray out = Nd4j.create(DataType.FLOAT, x.size(0), w.size(0));
    for (long b = 0; b < x.size(0); b++) {
      for (long o = 0; o < w.size(0); o++) {
        double s = bias == null ? 0 : bias.getDouble(o);
        for (long i = 0; i < w.size(1); i++) {
          s += x.getDouble(b, i) * w.getDouble(o, i);
        }
        out.putScalar(new long[] {b, o}, s);
      }
    }
    return out;
  }

  /** Largest absolute difference; fails on a shape mismatch. */
  static double maxDiff(INDArray a, INDArray b) {
    if (!java.util.Arrays.equals(a.shape(), b.shape())) {
      throw new AssertionError(
          "shapes differ: "
              + java.util.Arrays.toString(a.shape())
              + " vs "
              + java.util.Arrays.toString(b.shape()));
    }
    double m = 0;
    for (long i = 0; i < a.length(); i++) {
      m = Math.max(m, Math.abs(a.getDouble(i) - b.getDouble(i)));
    }
    return m;
  }
}
