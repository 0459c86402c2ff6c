package org.bsnn.plugins.simulation.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Tail}'s 2x2 stride-2 average pooling of one pair of input rows on the Vector API (loaded
 * only when {@link Simd#ENABLED}): two adjacent floats are viewed as one long, so the even and
 * odd columns are its low and high halves (a narrowing conversion each, no shuffles); each window
 * is then summed in the scalar order {@code ((0 + a) + b) + c) + d} and divided by 4.
 */
final class VectorPool {

  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED;
  private static final VectorShape HALF = VectorShape.forBitSize(LONGS.vectorBitSize() / 2);
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED.withShape(HALF);
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED.withShape(HALF);
  private static final int N = LONGS.length(); // pooled outputs per step

  private VectorPool() {}

  /**
   * Pools rows {@code r0} and {@code r1} of {@code in} (offsets of their first value) into
   * {@code out[at ..]}; returns how many of the {@code pw} outputs it wrote (a multiple of the
   * vector length; the caller does the rest).
   */
  static int rowPair(float[] in, int r0, int r1, float[] out, int at, int pw, boolean accumulate) {
    int px = 0;
    if (accumulate) {
      for (; px + N <= pw; px += N) {
        FloatVector.fromArray(FLOATS, out, at + px).add(window(in, r0 + 2 * px, r1 + 2 * px)).intoArray(out, at + px);
      }
    } else {
      for (; px + N <= pw; px += N) {
        window(in, r0 + 2 * px, r1 + 2 * px).intoArray(out, at + px);
      }
    }
    return px;
  }

  private static FloatVector window(float[] in, int i0, int i1) {
    LongVector a = FloatVector.fromArray(WIDE, in, i0).reinterpretAsLongs();
    LongVector b = FloatVector.fromArray(WIDE, in, i1).reinterpretAsLongs();
    return FloatVector.zero(FLOATS).add(low(a)).add(high(a)).add(low(b)).add(high(b)).div(4f);
  }

  private static FloatVector low(LongVector v) {
    return ((IntVector) v.convertShape(VectorOperators.L2I, INTS, 0)).reinterpretAsFloats();
  }

  private static FloatVector high(LongVector v) {
    return ((IntVector) v.lanewise(VectorOperators.LSHR, 32).convertShape(VectorOperators.L2I, INTS, 0)).reinterpretAsFloats();
  }
}
