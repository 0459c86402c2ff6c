package org.bsnn.api.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multiplies or adds a per-channel vector along one dimension of an array, element by element.
 *
 * <p>Uses ND4J's NumPy-style broadcasting (the {@code mul}/{@code add} custom ops, with the vector
 * reshaped to {@code [1, .., n, .., 1]}) instead of its dimension-based broadcast ops ({@code
 * addiRowVector}, {@code Broadcast.add(x, y, z, dim)}, ...). The dimension-based ops build a
 * tensor-along-dimension (TAD) descriptor per call through libnd4j's shared TAD cache; that path
 * crashed the JVM once (SIGSEGV in {@code sd::TadDescriptor}) under load. The NumPy-style ops
 * iterate over the broadcast shapes directly, with no TAD. Each output element is the same single
 * IEEE multiplication or addition either way, so results are bit-identical.
 */
public final class AlongDimension {

  private AlongDimension() {}

  /**
   * {@code out = a * v} with {@code v} laid along {@code dim}.
   *
   * @param a any rank
   * @param v a vector (any shape) of length {@code a.size(dim)}
   * @param out shape of {@code a}; may be {@code a} itself (in place)
   * @return {@code out}
   */
  public static INDArray mul(INDArray a, INDArray v, INDArray out, int dim) {
    return a.muli(aligned(v, a, dim), out);
  }

  /**
   * {@code out = a + v} with {@code v} laid along {@code dim}.
   *
   * @param a any rank
   * @param v a vector (any shape) of length {@code a.size(dim)}
   * @param out shape of {@code a}; may be {@code a} itself (in place)
   * @return {@code out}
   */
  public static INDArray add(INDArray a, INDArray v, INDArray out, int dim) {
    return a.addi(aligned(v, a, dim), out);
  }

  /** {@code v} reshaped to the rank of {@code a}: ones everywhere but {@code dim}. */
  private static INDArray aligned(INDArray v, INDArray a, int dim) {
    if (v.length() != a.size(dim)) {
      throw new IllegalArgumentException(
          "a vector of length "
              + v.length()
              + " cannot lie along dimension "
              + dim
              + " of shape "
              + java.util.Arrays.toString(a.shape()));
    }
    long[] shape = new long[a.rank()];
    java.util.Arrays.fill(shape, 1);
    shape[dim] = v.length();
    return v.reshape('c', shape);
  }
}
