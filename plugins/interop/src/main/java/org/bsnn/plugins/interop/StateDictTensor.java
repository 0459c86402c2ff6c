package org.bsnn.plugins.interop;

import java.util.Arrays;

/**
 * One float32 tensor of a PyTorch state_dict, in row-major order.
 *
 * @param key the state_dict key, e.g. {@code features.0.weight}
 * @param shape the tensor's size; empty for a scalar
 * @param values {@code product(shape)} values, row-major (C order)
 */
public record StateDictTensor(String key, long[] shape, float[] values) {

  /** Copies the shape, so the record stays immutable in what it shows. */
  public StateDictTensor {
    shape = shape.clone();
  }

  /** The shape as PyTorch prints it, e.g. {@code [32, 1, 3, 3]}. */
  public String shapeText() {
    return Arrays.toString(shape);
  }
}
