package org.bsnn.plugins.simulation.engine;

import org.bsnn.api.network.Layer;

/**
 * Event-driven convolution with real weights: only inputs that spiked contribute, each adding its
 * kernel footprint (one row of O weights per tap, vectorised over output channels; with stride 1
 * the taps of a kernel row are one contiguous block) into float accumulators of the output
 * positions it reaches; then the bias and the tail. Per output value the contributions are summed
 * in the order of the spikes (pixel-major, then channel), from 0.
 */
final class FloatConvKernel extends SampleKernel {

  private final int k;
  private final int stride;
  private final int pad;
  private final int inChannels;
  private final int inWidth;
  private final int inHeight;
  private final int outChannels;
  private final int outHeight;
  private final int outWidth;
  private final int positions;
  // [(c*k + ky)*k + (k-1-kx)][O], flat: a kernel row's taps with kx reversed, so that the taps of
  // one input spike that reach consecutive output columns are one contiguous block (stride 1)
  private final float[] taps;
  private final float[] scale;
  private final float[] bias;

  /**
   * @param weights real weights (or binary signs), C-order [O, C, k, k]
   * @param scale per-output-channel factor applied to each sum before the bias (binary alpha), or
   *     null
   */
  FloatConvKernel(
      Layout source,
      Layer.Conv2d conv,
      float[] weights,
      float[] scale,
      float[] bias,
      Tail tail,
      int outHeight,
      int outWidth) {
    super(source, tail);
    this.k = conv.kernel();
    this.stride = conv.stride();
    this.pad = conv.padding();
    this.inChannels = source.channels;
    this.inHeight = source.height;
    this.inWidth = source.width;
    this.outChannels = Math.toIntExact(conv.outChannels());
    this.outHeight = outHeight;
    this.outWidth = outWidth;
    this.positions = outHeight * outWidth;
    this.scale = scale;
    this.bias = bias;
    int o = outChannels;
    int c = inChannels;
    taps = new float[c * k * k * o];
    for (int oc = 0; oc < o; oc++) {
      for (int ic = 0; ic < c; ic++) {
        for (int ky = 0; ky < k; ky++) {
          for (int kx = 0; kx < k; kx++) {
            taps[((ic * k + ky) * k + (k - 1 - kx)) * o + oc] =
                weights[((oc * c + ic) * k + ky) * k + kx];
          }
        }
      }
    }
  }

  @Override
  void compute(long[] bits, int spikes, Scratch scratch, float[] out, boolean accumulate) {
    boolean direct = tail.direct();
    float[] y = direct ? out : scratch.floats(Scratch.CONV, tail.size());
    boolean add = direct && accumulate;
    int o = outChannels;
    float[] acc = scratch.zeroFloats(positions * o); // [position][O]
    int[] idx = scratch.indices(Math.max(spikes, 1));
    int n = source.spikeIndices(bits, idx);
    int c = inChannels;
    for (int s = 0; s < n; s++) {
      int i = idx[s];
      int p = i / c;
      int ic = i - p * c;
      int y0 = p / inWidth;
      int x0 = p - y0 * inWidth;
      for (int ky = 0; ky < k; ky++) {
        int ty = y0 + pad - ky;
        if (ty < 0) {
          break;
        }
        int oy = ty / stride;
        if (oy * stride != ty || oy >= outHeight) {
          continue;
        }
        int rowTaps = (ic * k + ky) * k;
        if (stride == 1) {
          // taps kx in [lo, hi] reach columns x0 + pad - hi .. x0 + pad - lo: one block each side
          int hi = Math.min(k - 1, x0 + pad);
          int lo = Math.max(0, x0 + pad - outWidth + 1);
          if (lo <= hi) {
            Loops.addRow(
                acc,
                (oy * outWidth + x0 + pad - hi) * o,
                taps,
                (rowTaps + k - 1 - hi) * o,
                (hi - lo + 1) * o);
          }
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
          Loops.addRow(acc, (oy * outWidth + ox) * o, taps, (rowTaps + k - 1 - kx) * o, o);
        }
      }
    }
    if (!direct) {
      // scale and bias per position over channels (vectorised; per value the same operations as
      // below), pool, then write the 4x fewer values in CHW order
      for (int p = 0; p < positions; p++) {
        if (scale != null) {
          Loops.mulRow(acc, p * o, scale, o);
        }
        if (bias != null) {
          Loops.addRow(acc, p * o, bias, 0, o);
        }
      }
      tail.emitChannelsLast(acc, scratch.floats(Scratch.CONV, o), out, accumulate);
      return;
    }
    for (int p = 0; p < positions; p++) {
      int a = p * o;
      for (int oc = 0; oc < o; oc++) {
        float v = scale == null ? acc[a + oc] : acc[a + oc] * scale[oc];
        put(y, oc * positions + p, bias == null ? v : v + bias[oc], add);
      }
    }
  }

  @Override
  String describe() {
    return "event-driven conv "
        + inChannels
        + "->"
        + outChannels
        + " k"
        + k
        + " on "
        + inHeight
        + "x"
        + inWidth;
  }
}
