package org.bsnn.plugins.simulation.engine;

import java.util.Arrays;

/**
 * Integrate-and-fire over one sample of a node: optionally {@code v += current}, then spike where
 * {@code v >= threshold} (per-neuron thresholds: where {@code v - threshold >= 0}, the reference's
 * test), reset by subtraction or to zero, and pack the spikes channels-last ({@link Layout}).
 * Potentials and currents are in C order (CHW).
 *
 * <p>With the JDK's incubating Vector API present (the JVM started with {@code --add-modules
 * jdk.incubator.vector}, as the launcher and the tests do) the compare, reset and update run on
 * whole vectors ({@link VectorFiring}); the scalar loop here is the fallback and the reference of
 * {@code FiringTest}. Both compute each neuron with the same float operations, so they give the
 * same bits (see {@link Simd}).
 */
final class Firing {

  private Firing() {}

  /**
   * Fires the node's neurons (after {@code v += current} when {@code current} is not null); writes
   * the packed spikes to {@code bits} (cleared first) and returns their count.
   *
   * @param thresholds per-neuron thresholds in C order, or null for {@code theta}
   */
  static int fire(
      Layout l,
      float[] v,
      float[] current,
      float[] thresholds,
      float theta,
      boolean subtract,
      long[] bits) {
    return Simd.ENABLED
        ? VectorFiring.fire(l, v, current, thresholds, theta, subtract, bits)
        : scalar(l, v, current, thresholds, theta, subtract, bits);
  }

  /**
   * The scalar loop: a compare per neuron; spikes are rare, so bits are set only where one fires.
   */
  static int scalar(
      Layout l,
      float[] v,
      float[] current,
      float[] thresholds,
      float theta,
      boolean subtract,
      long[] bits) {
    Arrays.fill(bits, 0L);
    int pixels = l.pixels;
    int wpp = l.wordsPerPixel;
    int count = 0;
    for (int c = 0; c < l.channels; c++) {
      int base = c * pixels;
      int word = c >>> 6;
      long bit = 1L << (c & 63);
      for (int p = 0; p < pixels; p++) {
        if (fireOne(v, current, thresholds, theta, subtract, base + p)) {
          bits[p * wpp + word] |= bit;
          count++;
        }
      }
    }
    return count;
  }

  /** One neuron, exactly as the reference: returns whether it spiked. */
  static boolean fireOne(
      float[] v, float[] current, float[] thresholds, float theta, boolean subtract, int i) {
    float x = current == null ? v[i] : v[i] + current[i];
    boolean spike;
    float th;
    if (thresholds == null) {
      th = theta;
      spike = x >= th;
    } else {
      th = thresholds[i];
      spike = x - th >= 0f;
    }
    if (spike) {
      x = subtract ? x - th : 0f;
    }
    v[i] = x;
    return spike;
  }
}
