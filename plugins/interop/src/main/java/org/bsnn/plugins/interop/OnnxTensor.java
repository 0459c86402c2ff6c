package org.bsnn.plugins.interop;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A constant tensor of an ONNX graph (an initializer, a {@code Constant} node's value, or a value
 * folded from shape arithmetic), held on the heap: real tensors as floats, integer tensors as
 * longs.
 *
 * @param shape the dimensions; empty for a scalar
 * @param floats the values of a real tensor in C order, or {@code null} for an integer tensor
 * @param longs the values of an integer tensor in C order, or {@code null} for a real tensor
 */
record OnnxTensor(long[] shape, float[] floats, long[] longs) {

  /**
   * Stands for the batch dimension in shape vectors computed from a {@code Shape} node, whose value
   * is not known when the graph's batch dimension is symbolic.
   */
  static final long BATCH = Long.MIN_VALUE;

  private static final int FLOAT = 1;
  private static final int INT32 = 6;
  private static final int INT64 = 7;
  private static final int DOUBLE = 11;

  static OnnxTensor ofLongs(long[] shape, long[] values) {
    return new OnnxTensor(shape, null, values);
  }

  /** Whether this tensor holds integers (a shape vector, indices, axes). */
  boolean integral() {
    return longs != null;
  }

  /** Number of elements. */
  long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** The values as longs (real tensors: only exact integers), e.g. for pads. */
  long[] asLongs() {
    if (longs != null) {
      return longs.clone();
    }
    long[] out = new long[floats.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (long) floats[i];
    }
    return out;
  }

  /** The values as floats (integer tensors converted). */
  float[] asFloats() {
    if (floats != null) {
      return floats.clone();
    }
    float[] out = new float[longs.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = longs[i];
    }
    return out;
  }

  /** Index of the first NaN or infinite value, or -1 when all are finite. */
  int firstNonFinite() {
    if (floats == null) {
      return -1;
    }
    for (int i = 0; i < floats.length; i++) {
      if (!Float.isFinite(floats[i])) {
        return i;
      }
    }
    return -1;
  }

  /** A new float32 array of this shape and these values. */
  INDArray toArray() {
    return Nd4j.create(asFloats(), shape.length == 0 ? new long[] {1} : shape, DataType.FLOAT);
  }

  /**
   * Reads an ONNX {@code TensorProto}.
   *
   * @param what how messages name the tensor, e.g. "initializer 'fc.weight'"
   * @throws IllegalArgumentException with a message for the user (unsupported type, external data,
   *     a value count that does not match the dimensions)
   */
  static OnnxTensor read(Onnx.TensorProto t, String what) {
    if (t.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL
        || t.getExternalDataCount() > 0) {
      throw new IllegalArgumentException(
          what
              + " keeps its data in an external file, which the importer does not read; export the "
              + "model with its weights inside the .onnx file");
    }
    long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    long count = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            what + " has a negative dimension: " + Arrays.toString(shape));
      }
      if (d > 0 && count > Integer.MAX_VALUE / d) {
        throw new IllegalArgumentException(what + " is too large: " + Arrays.toString(shape));
      }
      count *= d;
    }
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " is too large: " + Arrays.toString(shape));
    }
    int n = (int) count;
    boolean raw = !t.getRawData().isEmpty();
    ByteBuffer bytes = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    OnnxTensor out =
        switch (t.getDataType()) {
          case FLOAT -> {
            float[] v = new float[raw ? bytes.remaining() / 4 : t.getFloatDataCount()];
            for (int i = 0; i < v.length; i++) {
              v[i] = raw ? bytes.getFloat() : t.getFloatData(i);
            }
            yield new OnnxTensor(shape, v, null);
          }
          case DOUBLE -> {
            float[] v = new float[raw ? bytes.remaining() / 8 : t.getDoubleDataCount()];
            for (int i = 0; i < v.length; i++) {
              v[i] = (float) (raw ? bytes.getDouble() : t.getDoubleData(i));
            }
            yield new OnnxTensor(shape, v, null);
          }
          case INT64 -> {
            long[] v = new long[raw ? bytes.remaining() / 8 : t.getInt64DataCount()];
            for (int i = 0; i < v.length; i++) {
              v[i] = raw ? bytes.getLong() : t.getInt64Data(i);
            }
            yield new OnnxTensor(shape, null, v);
          }
          case INT32 -> {
            long[] v = new long[raw ? bytes.remaining() / 4 : t.getInt32DataCount()];
            for (int i = 0; i < v.length; i++) {
              v[i] = raw ? bytes.getInt() : t.getInt32Data(i);
            }
            yield new OnnxTensor(shape, null, v);
          }
          default ->
              throw new IllegalArgumentException(
                  what
                      + " has data type "
                      + Onnx.TensorProto.DataType.forNumber(t.getDataType())
                      + "; the importer reads FLOAT, DOUBLE, INT32 and INT64 tensors");
        };
    int actual = out.floats != null ? out.floats.length : out.longs.length;
    if (actual != n) {
      throw new IllegalArgumentException(
          what
              + " has dimensions "
              + Arrays.toString(shape)
              + " ("
              + n
              + " values) but holds "
              + actual
              + " values; the file is corrupt or truncated");
    }
    return out;
  }
}
