package org.bsnn.plugins.simulation.engine;

/**
 * A binary-weight dense layer on packed spikes: {@code d_o = 2·popcount(s & pos_o) − popcount(s)}
 * with the weights reordered to the source's packed layout (a flattened image needs no unpacking),
 * vectorised over output neurons on 32-bit words and skipping all-zero input words; or, for sparse
 * inputs, the ±1 rows of the spiking inputs added into 16-bit counters. The current is {@code
 * (float) d * α_o (+ bias_o)}.
 */
final class BinaryDenseKernel extends SampleKernel {

  private final int outFeatures;
  private final int ints;
  private final int[][] plusByInt; // [input int][O]
  private final long[][]
      rows; // [input spike id][ceil(O/4)]: 16-bit lane o%4 of long o/4 is 1 where w = +1
  private final int lanes;
  private final float[] alpha;
  private final float[] bias;
  private final KernelChoice choice;

  /**
   * @param signs C-order [O, F] with F in the source's C order (flattened CHW), each -1 or +1
   */
  BinaryDenseKernel(
      Layout source, float[] signs, float[] alpha, float[] bias, Tail tail, KernelChoice choice) {
    super(source, tail);
    this.outFeatures = alpha.length;
    this.ints = source.words * 2;
    this.alpha = alpha;
    this.bias = bias;
    this.choice = choice;
    int o = outFeatures;
    int f = source.neurons;
    plusByInt = new int[ints][o];
    lanes = (o + 3) >>> 2;
    rows = choice != KernelChoice.POPCOUNT && f < Short.MAX_VALUE ? new long[f][lanes] : null;
    int c = source.channels;
    for (int chw = 0; chw < f; chw++) {
      int i = source.spikeId(chw);
      int p = i / c;
      int ch = i - p * c;
      int word = p * source.wordsPerPixel * 2 + (ch >>> 5);
      int bit = 1 << (ch & 31);
      for (int oc = 0; oc < o; oc++) {
        float s = signs[oc * f + chw];
        if (s > 0) {
          plusByInt[word][oc] |= bit;
        }
        if (rows != null && s > 0) {
          rows[i][oc >>> 2] |= 1L << ((oc & 3) << 4);
        }
      }
    }
  }

  @Override
  void compute(long[] bits, int spikes, Scratch scratch, float[] out, boolean accumulate) {
    int o = outFeatures;
    if (useScatter(spikes)) {
      long[] acc = scratch.zeroLongRows(1, lanes)[0];
      int[] idx = scratch.indices(Math.max(spikes, 1));
      int n = source.spikeIndices(bits, idx);
      for (int s = 0; s < n; s++) {
        Loops.add(acc, rows[idx[s]], lanes);
      }
      for (int oc = 0; oc < o; oc++) {
        int plus = (int) (acc[oc >>> 2] >>> ((oc & 3) << 4)) & 0xffff;
        float v = (float) (2 * plus - n) * alpha[oc];
        put(out, oc, bias == null ? v : v + bias[oc], accumulate);
      }
      return;
    }
    int total = 0;
    int[] counts = scratch.zeroInts(o);
    int[] nonZero = scratch.indices(ints);
    int[] values = scratch.ints(ints);
    int m = 0;
    for (int w = 0; w < source.words; w++) {
      long x = bits[w];
      if (x == 0) {
        continue;
      }
      total += Long.bitCount(x);
      int lo = (int) x;
      int hi = (int) (x >>> 32);
      if (lo != 0) {
        nonZero[m] = 2 * w;
        values[m++] = lo;
      }
      if (hi != 0) {
        nonZero[m] = 2 * w + 1;
        values[m++] = hi;
      }
    }
    int q = 0;
    for (; q + 4 <= m; q += 4) {
      Loops.popcountAnd4(
          counts,
          plusByInt[nonZero[q]],
          values[q],
          plusByInt[nonZero[q + 1]],
          values[q + 1],
          plusByInt[nonZero[q + 2]],
          values[q + 2],
          plusByInt[nonZero[q + 3]],
          values[q + 3],
          o);
    }
    for (; q < m; q++) {
      Loops.popcountAnd(counts, plusByInt[nonZero[q]], values[q], o);
    }
    Convert.perOutput(counts, total, alpha, bias, out, o, accumulate);
  }

  boolean useScatter(int spikes) {
    if (rows == null || choice == KernelChoice.POPCOUNT) {
      return false;
    }
    if (choice == KernelChoice.SCATTER) {
      return true;
    }
    // popcount touches every non-zero input int once (a row of O); scatter every spike once
    return spikes * (lanes / 8.0 * 2 + 2)
        < Math.min(ints, (double) spikes) * (outFeatures / 16.0 + 2);
  }

  @Override
  long binarySynapses() {
    return (long) source.neurons * outFeatures;
  }

  @Override
  String describe() {
    return "binary dense "
        + source.neurons
        + "->"
        + outFeatures
        + " ("
        + (choice == KernelChoice.AUTO && rows != null
            ? "popcount or scatter"
            : choice.name().toLowerCase(java.util.Locale.ROOT))
        + ")";
  }
}
