package org.bsnn.plugins.interop;

import java.lang.reflect.Array;
import java.util.Arrays;
import org.bsnn.api.snn.SpikingDynamics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Converts between ND4J arrays and the nested Java arrays that jHDF writes and reads (a {@code
 * float[][][][]} is a rank-4 float32 dataset), in C order, as NumPy and PyTorch lay them out.
 */
final class NirArrays {

  private NirArrays() {}

  /**
   * A float32 tensor as nested {@code float} arrays of its shape (a {@code float[]} for rank 1).
   */
  static Object nested(INDArray values) {
    float[] flat = values.dup('c').castTo(DataType.FLOAT).data().asFloat();
    return nested(flat, values.shape());
  }

  /** {@code flat} (C order) as nested {@code float} arrays of {@code shape}. */
  static Object nested(float[] flat, long[] shape) {
    int[] dims = Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
    Object out = Array.newInstance(float.class, dims);
    fill(out, flat, 0, dims, 0);
    return out;
  }

  private static int fill(Object target, float[] flat, int offset, int[] dims, int depth) {
    if (depth == dims.length - 1) {
      System.arraycopy(flat, offset, target, 0, dims[depth]);
      return offset + dims[depth];
    }
    for (int i = 0; i < dims[depth]; i++) {
      offset = fill(Array.get(target, i), flat, offset, dims, depth + 1);
    }
    return offset;
  }

  /** A tensor of {@code shape} whose every value is {@code value}. */
  static Object filled(long[] shape, float value) {
    float[] flat = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
    Arrays.fill(flat, value);
    return nested(flat, shape);
  }

  /** {@code values} (shape [1] or broadcastable to {@code shape}) expanded to {@code shape}. */
  static Object broadcast(INDArray values, long[] shape) {
    INDArray v = values.castTo(DataType.FLOAT);
    if (v.length() == 1) {
      return filled(shape, v.getFloat(0));
    }
    // thresholds and scales broadcast as the simulators align them: leading ones up to the node's
    // rank ([channels, 1, 1] for images, [features] for flat nodes)
    try (INDArray full = Nd4j.zeros(DataType.FLOAT, shape)) {
      full.addi(SpikingDynamics.aligned(v, shape.length).broadcast(shape));
      return nested(full);
    }
  }
}
