package org.bsnn.plugins.simulation.engine;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Firing} on whole vectors of neurons with the JDK 17 Vector API (only loaded when the
 * module is present). A vector's spike mask becomes an int of lane bits by blending lane
 * constants and OR-reducing them ({@code VectorMask.toLong} is not intrinsified in JDK 17 and is
 * many times slower); the rare set bits are then placed into the channels-last words one by one.
 * Images vectorise over the pixels of one channel, flat nodes over channels.
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

  static int fire(Layout l, float[] v, float[] current, float[] thresholds, float theta, boolean subtract, long[] bits) {
    Arrays.fill(bits, 0L);
    int pixels = l.pixels;
    int channels = l.channels;
    int count = 0;
    if (pixels == 1) {
      int i = 0;
      for (; i + L <= channels; i += L) {
        int b = step(v, current, thresholds, theta, subtract, i);
        if (b != 0) {
          bits[i >>> 6] |= (b & 0xffffffffL) << (i & 63); // L divides 64: the lanes stay in one word
          count += Integer.bitCount(b);
        }
      }
      for (; i < channels; i++) {
        if (Firing.fireOne(v, current, thresholds, theta, subtract, i)) {
          bits[i >>> 6] |= 1L << (i & 63);
          count++;
        }
      }
      return count;
    }
    int wpp = l.wordsPerPixel;
    for (int c = 0; c < channels; c++) {
      int base = c * pixels;
      int word = c >>> 6;
      long bit = 1L << (c & 63);
      int p = 0;
      for (; p + L <= pixels; p += L) {
        int b = step(v, current, thresholds, theta, subtract, base + p);
        count += Integer.bitCount(b);
        while (b != 0) {
          bits[(p + Integer.numberOfTrailingZeros(b)) * wpp + word] |= bit;
          b &= b - 1;
        }
      }
      for (; p < pixels; p++) {
        if (Firing.fireOne(v, current, thresholds, theta, subtract, base + p)) {
          bits[p * wpp + word] |= bit;
          count++;
        }
      }
    }
    return count;
  }

  /** Neurons i .. i+L-1: updates their potentials, returns their spikes as lane bits. */
  private static int step(float[] v, float[] current, float[] thresholds, float theta, boolean subtract, int i) {
    FloatVector x = FloatVector.fromArray(F, v, i);
    if (current != null) {
      x = x.add(FloatVector.fromArray(F, current, i));
    }
    VectorMask<Float> m;
    FloatVector reset;
    if (thresholds == null) {
      m = x.compare(VectorOperators.GE, theta);
      reset = subtract ? x.sub(theta) : null;
    } else {
      FloatVector th = FloatVector.fromArray(F, thresholds, i);
      FloatVector d = x.sub(th);
      m = d.compare(VectorOperators.GE, 0f);
      reset = subtract ? d : null;
    }
    int b = ZERO.blend(LANE_BITS, m.cast(I)).reduceLanes(VectorOperators.OR);
    if (b != 0) {
      x = subtract ? x.blend(reset, m) : x.blend(0f, m);
    } else if (current == null) {
      return 0; // nothing changed
    }
    x.intoArray(v, i);
    return b;
  }
}
