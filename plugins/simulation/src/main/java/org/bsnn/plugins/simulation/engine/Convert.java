package org.bsnn.plugins.simulation.engine;

/**
 * The binary kernels' integer results as currents: {@code (float) (2·count − total) · α (+ bias)},
 * written to or added into a float array. JDK 17's C2 does not vectorise int-to-float conversion,
 * so with the Vector API present ({@link Simd}) this runs on {@link VectorConvert}; the scalar
 * loops here are the fallback and give the same floats.
 */
final class Convert {

  private Convert() {}

  /**
   * One output channel over n positions: {@code out[off + p] (+)= (float) (2·counts[p] − totals[p])
   * · a (+ b)}.
   *
   * @param hasBias whether to add {@code b}
   */
  static void scaled(
      int[] counts,
      int[] totals,
      float a,
      boolean hasBias,
      float b,
      float[] out,
      int off,
      int n,
      boolean accumulate) {
    if (Simd.ENABLED) {
      VectorConvert.scaled(counts, totals, a, hasBias, b, out, off, n, accumulate);
    } else {
      scaledScalar(counts, totals, a, hasBias, b, out, off, n, accumulate, 0);
    }
  }

  /**
   * One position over n output channels: {@code out[o] (+)= (float) (2·counts[o] − total) ·
   * alpha[o] (+ bias[o])}.
   */
  static void perOutput(
      int[] counts,
      int total,
      float[] alpha,
      float[] bias,
      float[] out,
      int n,
      boolean accumulate) {
    if (Simd.ENABLED) {
      VectorConvert.perOutput(counts, total, alpha, bias, out, n, accumulate);
    } else {
      perOutputScalar(counts, total, alpha, bias, out, n, accumulate, 0);
    }
  }

  static void scaledScalar(
      int[] counts,
      int[] totals,
      float a,
      boolean hasBias,
      float b,
      float[] out,
      int off,
      int n,
      boolean accumulate,
      int from) {
    for (int p = from; p < n; p++) {
      float v = (float) (2 * counts[p] - totals[p]) * a;
      if (hasBias) {
        v += b;
      }
      if (accumulate) {
        out[off + p] += v;
      } else {
        out[off + p] = v;
      }
    }
  }

  static void perOutputScalar(
      int[] counts,
      int total,
      float[] alpha,
      float[] bias,
      float[] out,
      int n,
      boolean accumulate,
      int from) {
    for (int o = from; o < n; o++) {
      float v = (float) (2 * counts[o] - total) * alpha[o];
      if (bias != null) {
        v += bias[o];
      }
      if (accumulate) {
        out[o] += v;
      } else {
        out[o] = v;
      }
    }
  }
}
