package org.bsnn.datasets.imagenet;

/**
 * Resamples a rectangle of an RGB image to a fixed size with a separable triangle (bilinear) filter
 * that widens with the scale factor when shrinking, like Pillow's antialiased bilinear resize that
 * torchvision's {@code Resize}/{@code RandomResizedCrop} use on PIL images. Shrinking therefore
 * averages over the covered source pixels instead of aliasing.
 */
final class Resampler {

  private Resampler() {}

  /**
   * Resamples the source rectangle (x0, y0, w, h), in pixel units, to outW × outH.
   *
   * @param argb source pixels, row-major, srcW × srcH, 0xAARRGGBB
   * @param out receives 3 planes (R, G, B) of outH × outW values in [0, 255], at {@code offset}
   */
  static void resample(
      int[] argb,
      int srcW,
      int srcH,
      double x0,
      double y0,
      double w,
      double h,
      int outW,
      int outH,
      float[] out,
      int offset) {
    Filter fx = new Filter(srcW, x0, w, outW);
    Filter fy = new Filter(srcH, y0, h, outH);
    // horizontal pass over the source rows the vertical filter needs
    int rowLo = fy.min;
    int rowHi = fy.max;
    int rows = rowHi - rowLo + 1;
    float[][] tmp = new float[3][rows * outW];
    for (int r = 0; r < rows; r++) {
      int srcRow = (rowLo + r) * srcW;
      for (int ox = 0; ox < outW; ox++) {
        double sr = 0;
        double sg = 0;
        double sb = 0;
        int start = fx.start[ox];
        double[] wt = fx.weights[ox];
        for (int k = 0; k < wt.length; k++) {
          int p = argb[srcRow + start + k];
          sr += wt[k] * ((p >> 16) & 0xff);
          sg += wt[k] * ((p >> 8) & 0xff);
          sb += wt[k] * (p & 0xff);
        }
        tmp[0][r * outW + ox] = (float) sr;
        tmp[1][r * outW + ox] = (float) sg;
        tmp[2][r * outW + ox] = (float) sb;
      }
    }
    int plane = outW * outH;
    for (int oy = 0; oy < outH; oy++) {
      int start = fy.start[oy] - rowLo;
      double[] wt = fy.weights[oy];
      for (int c = 0; c < 3; c++) {
        float[] t = tmp[c];
        int o = offset + c * plane + oy * outW;
        for (int ox = 0; ox < outW; ox++) {
          double s = 0;
          for (int k = 0; k < wt.length; k++) {
            s += wt[k] * t[(start + k) * outW + ox];
          }
          out[o + ox] = (float) Math.min(255, Math.max(0, s));
        }
      }
    }
  }

  /** Normalized triangle-filter weights for every output coordinate along one axis. */
  private static final class Filter {
    final int[] start;
    final double[][] weights;
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;

    Filter(int srcSize, double from, double length, int outSize) {
      start = new int[outSize];
      weights = new double[outSize][];
      double scale = length / outSize;
      double support = Math.max(1.0, scale);
      for (int o = 0; o < outSize; o++) {
        double centre = from + (o + 0.5) * scale;
        int lo = (int) Math.floor(centre - support);
        int hi = (int) Math.ceil(centre + support);
        lo = Math.max(0, lo);
        hi = Math.min(srcSize - 1, hi);
        double[] w = new double[Math.max(1, hi - lo + 1)];
        double sum = 0;
        for (int i = lo; i <= hi; i++) {
          double t = Math.abs((i + 0.5 - centre) / support);
          double v = Math.max(0, 1 - t);
          w[i - lo] = v;
          sum += v;
        }
        if (sum == 0) {
          // the centre lies outside the image (cannot happen for crops inside it): nearest pixel
          int nearest = (int) Math.min(srcSize - 1, Math.max(0, Math.floor(centre)));
          lo = nearest;
          w = new double[] {1};
          sum = 1;
        }
        for (int k = 0; k < w.length; k++) {
          w[k] /= sum;
        }
        start[o] = lo;
        weights[o] = w;
        min = Math.min(min, lo);
        max = Math.max(max, lo + w.length - 1);
      }
    }
  }
}
