package org.bsnn.plugins.simulation.engine;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Firing} on whole vectors of neurons with the JDK 17 Vector API (only loaded when the
 * module is present). A vector's spike mask becomes an int of lane bits by blending lane constants
 * and OR-reducing them ({@code VectorMask.toLong} is not intrinsified in JDK 17 and is many times
 * slower); the rare set bits are then placed into the channels-last words one by one. Images
 * vectorise over the pixels of one channel, flat nodes over channels.
 */
final class VectorFiring {

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final IntVector LANE_BITS;
  private static final IntVector ZERO = IntVector.zero(I);

  static {
    int[] bits = new int[I.length()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = 1 << i;
    }
    LANE_BITS = IntVector.fromArray(I, bits, 0);
  }

  private VectorFiring() {}

  static int fire(
      Layout l,
      float[] v,
      float[] current,
      float[] thresholds,
      float theta,
      boolean subtract,
      long[] bits) {
    int pixels = l.pixels;
    int channels = l.channels;
    // in a spiking lane d = v - threshold >= +0, so d * 1 = d (reset by subtraction), d * 0 = +0
    // (to zero)
    float keep = subtract ? 1f : 0f;
    int count = 0;
    if (pixels == 1) {
      Arrays.fill(bits, 0L);
      int i = 0;
      for (; i + L <= channels; i += L) {
        int b = step(v, current, thresholds, theta, keep, i);
        bits[i >>> 6] |= (b & 0xffffffffL) << (i & 63); // L divides 64: the lanes stay in one word
        count += Integer.bitCount(b);
      }
      for (; i < channels; i++) {
        if (Firing.fireOne(v, current, thresholds, theta, subtract, i)) {
          bits[i >>> 6] |= 1L << (i & 63);
          count++;
        }
      }
      return count;
    }
    if (pixels < L) {
      return Firing.scalar(
          l,
          v,
          current,
          thresholds,
          theta,
          subtract,
          bits); // tiny maps: vectors would span channels
    }
    return blocks(l, v, current, thresholds, theta, subtract, keep, bits); // writes every word
  }

  /**
   * Feature maps, in blocks of 64 channels x 64 pixels: the spikes of each channel's 64 pixels are
   * gathered as one long (pixel-major rows), and the 64x64 bit block is transposed into the
   * channels-last words; no branch per spike (placing spikes one by one cost more than the whole
   * vector update, from branch mispredictions).
   */
  private static int blocks(
      Layout l,
      float[] v,
      float[] current,
      float[] thresholds,
      float theta,
      boolean subtract,
      float keep,
      long[] bits) {
    int pixels = l.pixels;
    int channels = l.channels;
    int wpp = l.wordsPerPixel;
    long[] block = new long[64];
    int count = 0;
    for (int c0 = 0; c0 < channels; c0 += 64) {
      int rows = Math.min(64, channels - c0);
      int word = c0 >>> 6;
      for (int p0 = 0; p0 < pixels; p0 += 64) {
        int n = Math.min(64, pixels - p0);
        for (int r = 0; r < rows; r++) {
          long spikes =
              spikeRow(v, current, thresholds, theta, subtract, keep, (c0 + r) * pixels + p0, n);
          block[r] = spikes;
          count += Long.bitCount(spikes);
        }
        for (int r = rows; r < 64; r++) {
          block[r] = 0L;
        }
        transpose(block);
        for (int k = 0; k < n; k++) {
          bits[(p0 + k) * wpp + word] = block[k];
        }
      }
    }
    return count;
  }

  /**
   * Neurons i .. i+n-1 (n <= 64) of one channel: updates them, returns their spikes as bits 0 ..
   * n-1.
   */
  private static long spikeRow(
      float[] v,
      float[] current,
      float[] thresholds,
      float theta,
      boolean subtract,
      float keep,
      int i,
      int n) {
    long spikes = 0;
    int k = 0;
    for (; k + L <= n; k += L) {
      int b = step(v, current, thresholds, theta, keep, i + k);
      spikes |= (b & 0xffffffffL) << k;
    }
    for (; k < n; k++) {
      if (Firing.fireOne(v, current, thresholds, theta, subtract, i + k)) {
        spikes |= 1L << k;
      }
    }
    return spikes;
  }

  /** Transposes a 64x64 bit matrix in place: bit c of a[r] becomes bit r of a[c]. */
  static void transpose(long[] a) {
    long m = 0x00000000FFFFFFFFL;
    for (int j = 32; j != 0; j >>>= 1, m ^= m << j) {
      for (int k = 0; k < 64; k = ((k | j) + 1) & ~j) {
        long t = ((a[k] >>> j) ^ a[k | j]) & m;
        a[k] ^= t << j;
        a[k | j] ^= t;
      }
    }
  }

  // The stores below are unconditional: a vector live across a branch (e.g. "store only if a lane
  // spiked") made C2 in JDK 17 box it, about 8x slower than storing unchanged values.

  /** Neurons i .. i+L-1: one of the four loops below (a branch on arrays, none on vectors). */
  private static int step(
      float[] v, float[] current, float[] thresholds, float theta, float keep, int i) {
    if (thresholds == null) {
      return current == null ? uniform(v, theta, keep, i) : uniform(v, current, theta, keep, i);
    }
    return current == null
        ? perNeuron(v, thresholds, keep, i)
        : perNeuron(v, current, thresholds, keep, i);
  }

  /** Neurons i .. i+L-1 with one threshold, no current (already added by the kernels). */
  private static int uniform(float[] v, float theta, float keep, int i) {
    FloatVector x = FloatVector.fromArray(F, v, i);
    VectorMask<Float> m = x.compare(VectorOperators.GE, theta);
    int b = ZERO.blend(LANE_BITS, m.cast(I)).reduceLanes(VectorOperators.OR);
    x.blend(x.sub(theta).mul(keep), m).intoArray(v, i);
    return b;
  }

  /** Neurons i .. i+L-1 with their own thresholds, no current. */
  private static int perNeuron(float[] v, float[] thresholds, float keep, int i) {
    FloatVector x = FloatVector.fromArray(F, v, i);
    FloatVector d = x.sub(FloatVector.fromArray(F, thresholds, i));
    VectorMask<Float> m = d.compare(VectorOperators.GE, 0f);
    int b = ZERO.blend(LANE_BITS, m.cast(I)).reduceLanes(VectorOperators.OR);
    x.blend(d.mul(keep), m).intoArray(v, i);
    return b;
  }

  /**
   * Neurons i .. i+L-1 with one threshold (spike where x >= theta): updates v, returns the spikes
   * as lane bits.
   */
  private static int uniform(float[] v, float[] cur, float theta, float keep, int i) {
    FloatVector x = FloatVector.fromArray(F, v, i).add(FloatVector.fromArray(F, cur, i));
    VectorMask<Float> m = x.compare(VectorOperators.GE, theta);
    int b = ZERO.blend(LANE_BITS, m.cast(I)).reduceLanes(VectorOperators.OR);
    x.blend(x.sub(theta).mul(keep), m).intoArray(v, i);
    return b;
  }

  /**
   * Neurons i .. i+L-1 with their own thresholds (spike where x - threshold >= 0, as the
   * reference).
   */
  private static int perNeuron(float[] v, float[] cur, float[] thresholds, float keep, int i) {
    FloatVector x = FloatVector.fromArray(F, v, i).add(FloatVector.fromArray(F, cur, i));
    FloatVector d = x.sub(FloatVector.fromArray(F, thresholds, i));
    VectorMask<Float> m = d.compare(VectorOperators.GE, 0f);
    int b = ZERO.blend(LANE_BITS, m.cast(I)).reduceLanes(VectorOperators.OR);
    x.blend(d.mul(keep), m).intoArray(v, i);
    return b;
  }
}
