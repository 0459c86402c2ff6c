package org.bsnn.plugins.simulation.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Loops}' short-row additions on the Vector API (loaded only when {@link Simd#ENABLED}). */
final class VectorLoops {

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Long> G = LongVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

  private VectorLoops() {}

  static void add(float[] acc, float[] row, int n) {
    add(acc, 0, row, 0, n);
  }

  static void add(float[] acc, int a, float[] row, int r, int n) {
    int i = 0;
    for (int end = n - n % F.length(); i < end; i += F.length()) {
      FloatVector.fromArray(F, acc, a + i)
          .add(FloatVector.fromArray(F, row, r + i))
          .intoArray(acc, a + i);
    }
    for (; i < n; i++) {
      acc[a + i] += row[r + i];
    }
  }

  static void mul(float[] acc, int a, float[] row, int n) {
    int i = 0;
    for (int end = n - n % F.length(); i < end; i += F.length()) {
      FloatVector.fromArray(F, acc, a + i)
          .mul(FloatVector.fromArray(F, row, i))
          .intoArray(acc, a + i);
    }
    for (; i < n; i++) {
      acc[a + i] *= row[i];
    }
  }

  static void add(long[] acc, long[] row, int n) {
    int i = 0;
    for (int end = n - n % G.length(); i < end; i += G.length()) {
      LongVector.fromArray(G, acc, i).add(LongVector.fromArray(G, row, i)).intoArray(acc, i);
    }
    for (; i < n; i++) {
      acc[i] += row[i];
    }
  }

  /** {@link Loops#popcountAnd(int[], int[], int, int)} with a lane-wise BIT_COUNT (VPOPCNTD). */
  static void popcountAnd(int[] counts, int[] row, int mask, int n) {
    int j = 0;
    for (int end = n - n % I.length(); j < end; j += I.length()) {
      IntVector.fromArray(I, row, j)
          .and(mask)
          .lanewise(VectorOperators.BIT_COUNT)
          .add(IntVector.fromArray(I, counts, j))
          .intoArray(counts, j);
    }
    for (; j < n; j++) {
      counts[j] += Integer.bitCount(row[j] & mask);
    }
  }

  /**
   * {@link Loops#popcountAnd4}: four AND + BIT_COUNTs summed per lane, one load and store of the
   * counts per four words. Sums are exact integers, so the order does not matter.
   */
  static void popcountAnd4(
      int[] counts, int[] a, int ma, int[] b, int mb, int[] c, int mc, int[] d, int md, int n) {
    int j = 0;
    for (int end = n - n % I.length(); j < end; j += I.length()) {
      IntVector x = IntVector.fromArray(I, a, j).and(ma).lanewise(VectorOperators.BIT_COUNT);
      IntVector y = IntVector.fromArray(I, b, j).and(mb).lanewise(VectorOperators.BIT_COUNT);
      IntVector z = IntVector.fromArray(I, c, j).and(mc).lanewise(VectorOperators.BIT_COUNT);
      IntVector w = IntVector.fromArray(I, d, j).and(md).lanewise(VectorOperators.BIT_COUNT);
      x.add(y).add(z.add(w)).add(IntVector.fromArray(I, counts, j)).intoArray(counts, j);
    }
    for (; j < n; j++) {
      counts[j] +=
          Integer.bitCount(a[j] & ma)
              + Integer.bitCount(b[j] & mb)
              + Integer.bitCount(c[j] & mc)
              + Integer.bitCount(d[j] & md);
    }
  }
}
