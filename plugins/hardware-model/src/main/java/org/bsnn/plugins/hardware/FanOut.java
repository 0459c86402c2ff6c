package org.bsnn.plugins.hardware;

/**
 * Exact fan-out of convolution geometry: for a spike at one input position, the number of output
 * neurons whose receptive field contains it, with zero padding and any stride.
 *
 * <p>Along one axis, input coordinate {@code i} is read by output {@code o} through kernel tap
 * {@code j} when {@code o*stride - padding + j == i}; {@link #axisCounts} counts those (o, j) pairs
 * per input coordinate. Convolution is separable in the two axes, so a spike at (c, y, x) reaches
 * {@code outChannels * rows[y] * cols[x]} output neurons: the same numbers one gets by convolving a
 * tensor of ones with the transposed geometry, without building the tensor. Taps that fall on
 * padding connect to no input neuron and are not counted.
 */
public final class FanOut {

  private FanOut() {}

  /**
   * Per input coordinate along one axis, how many (output index, kernel tap) pairs read it.
   *
   * @param in input size along the axis
   * @param kernel kernel size
   * @param stride stride, at least 1
   * @param padding zero padding on each side
   * @param out output size along the axis (floor mode)
   * @return length {@code in}
   */
  public static long[] axisCounts(long in, int kernel, int stride, int padding, long out) {
    long[] counts = new long[Math.toIntExact(in)];
    for (long o = 0; o < out; o++) {
      for (int j = 0; j < kernel; j++) {
        long i = o * stride - padding + j;
        if (i >= 0 && i < in) {
          counts[(int) i]++;
        }
      }
    }
    return counts;
  }

  /**
   * Spatial fan-out (output positions reached) of every input position.
   *
   * @return shape [height][width]
   */
  public static long[][] spatial(
      long height, long width, int kernel, int stride, int padding, long outHeight, long outWidth) {
    long[] rows = axisCounts(height, kernel, stride, padding, outHeight);
    long[] cols = axisCounts(width, kernel, stride, padding, outWidth);
    long[][] map = new long[rows.length][cols.length];
    for (int y = 0; y < rows.length; y++) {
      for (int x = 0; x < cols.length; x++) {
        map[y][x] = rows[y] * cols[x];
      }
    }
    return map;
  }

  /** Sum of {@link #axisCounts}: the (output, tap) pairs along one axis that land on real input. */
  public static long axisTotal(long in, int kernel, int stride, int padding, long out) {
    long total = 0;
    for (long c : axisCounts(in, kernel, stride, padding, out)) {
      total += c;
    }
    return total;
  }
}
