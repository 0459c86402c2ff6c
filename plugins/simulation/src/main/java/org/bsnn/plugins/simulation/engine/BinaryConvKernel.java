package org.bsnn.plugins.simulation.engine;

import org.bsnn.api.network.Layer;

/**
 * A binary-weight convolution on packed spikes (XNOR-Net-style weights {@code sign(W)·α_o}). Two
 * exact integer kernels; {@link KernelChoice#AUTO} picks per sample and timestep the cheaper one by
 * a cost model of the input's spike count:
 *
 * <ul>
 *   <li><b>popcount</b>: the input patch of every output position is gathered from the packed
 *       spikes (im2col on bits: taps x channel words), and for output channel o, with {@code pos_o}
 *       the mask of its +1 weights, the signed sum is {@code popcount(patch & pos_o) −
 *       popcount(patch & neg_o) = 2·popcount(patch & pos_o) − popcount(patch)} ({@code neg_o} is
 *       the complement of {@code pos_o} inside the patch; popcount(patch) is shared by all output
 *       channels). The AND + popcount runs on the 32-bit halves of the 64-bit words so that C2
 *       vectorises it (VPOPCNTD): over output positions for large feature maps (positions ≥
 *       channels), else over output channels, skipping all-zero patch words.
 *   <li><b>scatter</b>: every spike adds its ±1 kernel row (one per tap, over output channels) into
 *       16-bit counters of the output positions it reaches.
 * </ul>
 *
 * The current is then {@code (float) d * α_o (+ bias_o)}, followed by the {@link Tail}.
 */
final class BinaryConvKernel extends SampleKernel {

  /**
   * Feature maps with at least this many output positions (or as many as channels) run the popcount
   * over positions.
   */
  static final int POSITIONS_INNER_FROM =
      Integer.getInteger("bsnn.popcount.positionsFrom", 1 << 30);

  private final int k;
  private final int stride;
  private final int pad;
  private final int inChannels;
  private final int inHeight;
  private final int inWidth;
  private final int wpp;
  private final int outChannels;
  private final int outHeight;
  private final int outWidth;
  private final int positions;
  private final int patchInts;
  private final boolean overPositions;
  private final int[][] plusByOutput; // [O][patchInts] (over positions)
  private final int[][] plusByInt; // [patchInts][O] (over channels)
  private final long[][]
      rows; // [(c*k+ky)*k+kx][ceil(O/4)]: 16-bit lane o%4 of long o/4 is 1 where w = +1; null if
  // fan-in >= 2^15
  private final int lanes; // ceil(O/4)
  private final float[] alpha;
  private final float[] bias;
  private final KernelChoice choice;

  /**
   * @param signs C-order [O, C, k, k], each exactly -1 or +1
   */
  BinaryConvKernel(
      Layout source,
      Layer.Conv2d conv,
      float[] signs,
      float[] alpha,
      float[] bias,
      Tail tail,
      int outHeight,
      int outWidth,
      KernelChoice choice) {
    super(source, tail);
    this.k = conv.kernel();
    this.stride = conv.stride();
    this.pad = conv.padding();
    this.inChannels = source.channels;
    this.inHeight = source.height;
    this.inWidth = source.width;
    this.wpp = source.wordsPerPixel;
    this.outChannels = alpha.length;
    this.outHeight = outHeight;
    this.outWidth = outWidth;
    this.positions = outHeight * outWidth;
    this.patchInts = k * k * wpp * 2;
    this.overPositions = positions >= Math.min(outChannels, POSITIONS_INNER_FROM);
    this.alpha = alpha;
    this.bias = bias;
    this.choice = choice;
    int o = outChannels;
    int c = inChannels;
    int[][] plus = new int[o][patchInts];
    long fanIn = (long) c * k * k;
    lanes = (o + 3) >>> 2;
    rows =
        choice != KernelChoice.POPCOUNT && fanIn < Short.MAX_VALUE
            ? new long[c * k * k][lanes]
            : null;
    for (int oc = 0; oc < o; oc++) {
      for (int ic = 0; ic < c; ic++) {
        int intInPixel = ic >>> 5;
        int bit = 1 << (ic & 31);
        for (int tap = 0; tap < k * k; tap++) {
          float s = signs[(oc * c + ic) * k * k + tap];
          if (s > 0) {
            plus[oc][tap * wpp * 2 + intInPixel] |= bit;
          }
          if (rows != null && s > 0) {
            rows[ic * k * k + tap][oc >>> 2] |= 1L << ((oc & 3) << 4);
          }
        }
      }
    }
    if (choice == KernelChoice.SCATTER && rows != null) {
      plusByOutput = null;
      plusByInt = null;
    } else if (overPositions) {
      plusByOutput = plus;
      plusByInt = null;
    } else {
      plusByOutput = null;
      plusByInt = new int[patchInts][o];
      for (int oc = 0; oc < o; oc++) {
        for (int i = 0; i < patchInts; i++) {
          plusByInt[i][oc] = plus[oc][i];
        }
      }
    }
  }

  @Override
  void compute(long[] bits, int spikes, Scratch scratch, float[] out, boolean accumulate) {
    boolean direct = tail.direct();
    float[] y = direct ? out : scratch.floats(Scratch.CONV, tail.size());
    boolean add = direct && accumulate;
    if (useScatter(spikes)) {
      scatter(bits, spikes, scratch, y, add);
    } else if (overPositions) {
      popcountOverPositions(bits, scratch, out, accumulate);
      return; // pools each channel itself
    } else {
      popcountOverChannels(bits, scratch, out, accumulate);
      return; // pools itself
    }
    if (!direct) {
      tail.emit(y, out, accumulate);
    }
  }

  /** Whether the scatter kernel runs for an input with this many spikes. */
  boolean useScatter(int spikes) {
    if (rows == null || choice == KernelChoice.POPCOUNT) {
      return false;
    }
    if (choice == KernelChoice.SCATTER || plusByOutput == null && plusByInt == null) {
      return true;
    }
    // cost in vector operations: 16 popcounts per VPOPCNTD; per tap a row of O 16-bit adds
    // (32 per vector, load + add + store) plus index arithmetic (calibrated with KernelBenchmarks)
    double popcount = (double) positions * patchInts * outChannels / 16.0;
    double scatter =
        (double) spikes * k * k * (lanes / 8.0 * 2 + 8) + positions * (outChannels / 8.0 + 2);
    return scatter < popcount;
  }

  /**
   * Gathers the patch of output position (oy, ox) as ints into {@code dst[i][p]} or {@code
   * dst[0][i]}; returns popcount.
   */
  private int gather(long[] bits, int oy, int ox, int[][] transposed, int p, int[] flat) {
    int at = 0;
    int total = 0;
    for (int ky = 0; ky < k; ky++) {
      int iy = oy * stride - pad + ky;
      for (int kx = 0; kx < k; kx++) {
        int ix = ox * stride - pad + kx;
        boolean inside = iy >= 0 && iy < inHeight && ix >= 0 && ix < inWidth;
        int from = (iy * inWidth + ix) * wpp;
        for (int w = 0; w < wpp; w++) {
          long x = inside ? bits[from + w] : 0L;
          total += Long.bitCount(x);
          if (transposed != null) {
            transposed[at][p] = (int) x;
            transposed[at + 1][p] = (int) (x >>> 32);
          } else {
            flat[at] = (int) x;
            flat[at + 1] = (int) (x >>> 32);
          }
          at += 2;
        }
      }
    }
    return total;
  }

  /** Writes (or adds) the projection's current into {@code out}, pooling channel by channel. */
  private void popcountOverPositions(
      long[] bits, Scratch scratch, float[] out, boolean accumulate) {
    boolean direct = tail.direct();
    float[] row = direct ? null : scratch.floats(Scratch.CONV, positions);
    int[][] patches = scratch.intRows(patchInts, positions);
    int[] totals = scratch.ints(positions);
    if (stride == 1) {
      im2colStrideOne(bits, scratch, patches, totals);
    } else {
      for (int oy = 0; oy < outHeight; oy++) {
        for (int ox = 0; ox < outWidth; ox++) {
          int p = oy * outWidth + ox;
          totals[p] = gather(bits, oy, ox, patches, p, null);
        }
      }
    }
    for (int oc = 0; oc < outChannels; oc++) {
      int[] counts = scratch.zeroInts(positions);
      int[] plus = plusByOutput[oc];
      int i = 0;
      for (; i + 4 <= patchInts; i += 4) {
        Loops.popcountAnd4(
            counts,
            patches[i],
            plus[i],
            patches[i + 1],
            plus[i + 1],
            patches[i + 2],
            plus[i + 2],
            patches[i + 3],
            plus[i + 3],
            positions);
      }
      for (; i < patchInts; i++) {
        Loops.popcountAnd(counts, patches[i], plus[i], positions);
      }
      float a = alpha[oc];
      boolean hasBias = bias != null;
      float b = hasBias ? bias[oc] : 0f;
      if (direct) {
        Convert.scaled(counts, totals, a, hasBias, b, out, oc * positions, positions, accumulate);
      } else {
        Convert.scaled(counts, totals, a, hasBias, b, row, 0, positions, false);
        tail.emitChannel(row, oc, out, accumulate);
      }
    }
  }

  /**
   * im2col for stride 1 by shifted row copies: the input's 32-bit planes (int j of every pixel) are
   * copied, one output row at a time, into patch row (tap, j); border taps are zero.
   */
  private void im2colStrideOne(long[] bits, Scratch scratch, int[][] patches, int[] totals) {
    int ipp = wpp * 2;
    int pixels = inHeight * inWidth;
    int[][] planes = scratch.intRows3(ipp + 1, pixels);
    int[] pixelCounts = planes[ipp];
    for (int px = 0; px < pixels; px++) {
      int count = 0;
      for (int w = 0; w < wpp; w++) {
        long x = bits[px * wpp + w];
        planes[2 * w][px] = (int) x;
        planes[2 * w + 1][px] = (int) (x >>> 32);
        count += Long.bitCount(x);
      }
      pixelCounts[px] = count;
    }
    java.util.Arrays.fill(totals, 0, positions, 0);
    for (int ky = 0; ky < k; ky++) {
      for (int kx = 0; kx < k; kx++) {
        int tap = ky * k + kx;
        int ox0 = Math.max(0, pad - kx);
        int ox1 = Math.min(outWidth, inWidth + pad - kx);
        for (int oy = 0; oy < outHeight; oy++) {
          int iy = oy + ky - pad;
          int at = oy * outWidth;
          boolean inside = iy >= 0 && iy < inHeight && ox1 > ox0;
          for (int j = 0; j <= ipp; j++) {
            int[] dst = j < ipp ? patches[tap * ipp + j] : null;
            int[] src = planes[j];
            if (!inside) {
              if (dst != null) {
                java.util.Arrays.fill(dst, at, at + outWidth, 0);
              }
              continue;
            }
            int from = iy * inWidth + ox0 + kx - pad;
            if (dst != null) {
              if (ox0 > 0) {
                java.util.Arrays.fill(dst, at, at + ox0, 0);
              }
              System.arraycopy(src, from, dst, at + ox0, ox1 - ox0);
              if (ox1 < outWidth) {
                java.util.Arrays.fill(dst, at + ox1, at + outWidth, 0);
              }
            } else {
              for (int ox = ox0; ox < ox1; ox++) {
                totals[at + ox] += src[from + ox - ox0];
              }
            }
          }
        }
      }
    }
  }

  private void popcountOverChannels(long[] bits, Scratch scratch, float[] out, boolean accumulate) {
    int o = outChannels;
    int[] patch = scratch.ints(patchInts * 2);
    int[] nonZero = scratch.indices(patchInts);
    int[][] counts = scratch.intRows2(positions, o);
    int[] totals = scratch.zeroInts(positions);
    for (int oy = 0; oy < outHeight; oy++) {
      for (int ox = 0; ox < outWidth; ox++) {
        int p = oy * outWidth + ox;
        int total = gather(bits, oy, ox, null, 0, patch);
        totals[p] = total;
        int[] row = counts[p];
        java.util.Arrays.fill(row, 0, o, 0);
        if (total == 0) {
          continue;
        }
        // the non-zero patch words, four at a time
        int m = 0;
        for (int i = 0; i < patchInts; i++) {
          if (patch[i] != 0) {
            nonZero[m++] = i;
          }
        }
        int q = 0;
        for (; q + 4 <= m; q += 4) {
          int a = nonZero[q];
          int b = nonZero[q + 1];
          int c = nonZero[q + 2];
          int d = nonZero[q + 3];
          Loops.popcountAnd4(
              row,
              plusByInt[a],
              patch[a],
              plusByInt[b],
              patch[b],
              plusByInt[c],
              patch[c],
              plusByInt[d],
              patch[d],
              o);
        }
        if (q < m) {
          // the last 1-3 words in one more pass, padded with zero masks (a single-word pass
          // costs nearly as much as a four-word one: the counts row is loaded and stored)
          int a = nonZero[q];
          int b = q + 1 < m ? nonZero[q + 1] : a;
          int c = q + 2 < m ? nonZero[q + 2] : a;
          Loops.popcountAnd4(
              row,
              plusByInt[a],
              patch[a],
              plusByInt[b],
              q + 1 < m ? patch[b] : 0,
              plusByInt[c],
              q + 2 < m ? patch[c] : 0,
              plusByInt[a],
              0,
              o);
        }
      }
    }
    // currents per position over output channels (vectorised), then into the CHW target
    float[][] rows = scratch.floatRows(positions, o);
    for (int p = 0; p < positions; p++) {
      Convert.perOutput(counts[p], totals[p], alpha, bias, rows[p], o, false);
    }
    if (!tail.direct()) {
      tail.emitChannelsLast(rows, scratch.floats(Scratch.CONV, o), out, accumulate);
      return;
    }
    // position by position (one row in registers' reach), writing with a stride of one plane
    for (int p = 0; p < positions; p++) {
      float[] row = rows[p];
      if (accumulate) {
        for (int oc = 0, at = p; oc < o; oc++, at += positions) {
          out[at] += row[oc];
        }
      } else {
        for (int oc = 0, at = p; oc < o; oc++, at += positions) {
          out[at] = row[oc];
        }
      }
    }
  }

  private void scatter(long[] bits, int spikes, Scratch scratch, float[] y, boolean add) {
    int o = outChannels;
    long[][] acc = scratch.zeroLongRows(positions, lanes);
    int[] hits = scratch.zeroInts(positions);
    int[] idx = scratch.indices(Math.max(spikes, 1));
    int n = source.spikeIndices(bits, idx);
    int c = inChannels;
    for (int s = 0; s < n; s++) {
      int i = idx[s];
      int p = i / c;
      int ic = i - p * c;
      int y0 = p / inWidth;
      int x0 = p - y0 * inWidth;
      int rowBase = ic * k * k;
      for (int ky = 0; ky < k; ky++) {
        int ty = y0 + pad - ky;
        if (ty < 0) {
          break;
        }
        int oy = ty / stride;
        if (oy * stride != ty || oy >= outHeight) {
          continue;
        }
        for (int kx = 0; kx < k; kx++) {
          int tx = x0 + pad - kx;
          if (tx < 0) {
            break;
          }
          int ox = tx / stride;
          if (ox * stride != tx || ox >= outWidth) {
            continue;
          }
          int q = oy * outWidth + ox;
          Loops.addRow(acc[q], rows[rowBase + ky * k + kx], lanes);
          hits[q]++;
        }
      }
    }
    for (int p = 0; p < positions; p++) {
      long[] a = acc[p];
      int h = hits[p];
      for (int oc = 0; oc < o; oc++) {
        int plus = (int) (a[oc >>> 2] >>> ((oc & 3) << 4)) & 0xffff;
        float v = (float) (2 * plus - h) * alpha[oc];
        put(y, oc * positions + p, bias == null ? v : v + bias[oc], add);
      }
    }
  }

  @Override
  long binarySynapses() {
    return (long) positions * outChannels * inChannels * k * k;
  }

  @Override
  String describe() {
    return "binary conv "
        + inChannels
        + "->"
        + outChannels
        + " k"
        + k
        + " on "
        + inHeight
        + "x"
        + inWidth
        + " ("
        + (choice == KernelChoice.AUTO && rows != null
            ? "popcount or scatter"
            : choice.name().toLowerCase(java.util.Locale.ROOT))
        + ", popcount over "
        + (overPositions ? "positions" : "channels")
        + ")";
  }
}
