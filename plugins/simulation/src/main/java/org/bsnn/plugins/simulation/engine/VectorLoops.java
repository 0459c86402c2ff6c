package org.bsnn.plugins.simulation.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link Loops}' short-row additions on the Vector API (loaded only when {@link Simd#ENABLED}). */
final class VectorLoops {

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Long> G = LongVector.SPECIES_PREFERRED;

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
}
