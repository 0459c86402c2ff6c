package org.bsnn.plugins.simulation.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Convert} on the Vector API (loaded only when the module is present). One loop per
 * combination of bias and accumulation, so that no vector is live across a branch (see {@link
 * VectorFiring}); the remainder that does not fill a vector runs the scalar loop.
 */
final class VectorConvert {

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final int L = F.length();

  private VectorConvert() {}

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
    int end = n - n % L;
    int p = 0;
    if (!hasBias && !accumulate) {
      for (; p < end; p += L) {
        value(counts, totals, a, p).intoArray(out, off + p);
      }
    } else if (!hasBias) {
      for (; p < end; p += L) {
        FloatVector.fromArray(F, out, off + p)
            .add(value(counts, totals, a, p))
            .intoArray(out, off + p);
      }
    } else if (!accumulate) {
      for (; p < end; p += L) {
        value(counts, totals, a, p).add(b).intoArray(out, off + p);
      }
    } else {
      for (; p < end; p += L) {
        FloatVector.fromArray(F, out, off + p)
            .add(value(counts, totals, a, p).add(b))
            .intoArray(out, off + p);
      }
    }
    Convert.scaledScalar(counts, totals, a, hasBias, b, out, off, n, accumulate, end);
  }

  /** (float) (2·counts[p..] − totals[p..]) · a */
  private static FloatVector value(int[] counts, int[] totals, float a, int p) {
    IntVector c = IntVector.fromArray(I, counts, p);
    IntVector d = c.add(c).sub(IntVector.fromArray(I, totals, p));
    return ((FloatVector) d.convert(VectorOperators.I2F, 0)).mul(a);
  }

  static void perOutput(
      int[] counts,
      int total,
      float[] alpha,
      float[] bias,
      float[] out,
      int n,
      boolean accumulate) {
    int end = n - n % L;
    int o = 0;
    if (bias == null && !accumulate) {
      for (; o < end; o += L) {
        value(counts, total, alpha, o).intoArray(out, o);
      }
    } else if (bias == null) {
      for (; o < end; o += L) {
        FloatVector.fromArray(F, out, o).add(value(counts, total, alpha, o)).intoArray(out, o);
      }
    } else if (!accumulate) {
      for (; o < end; o += L) {
        value(counts, total, alpha, o).add(FloatVector.fromArray(F, bias, o)).intoArray(out, o);
      }
    } else {
      for (; o < end; o += L) {
        FloatVector.fromArray(F, out, o)
            .add(value(counts, total, alpha, o).add(FloatVector.fromArray(F, bias, o)))
            .intoArray(out, o);
      }
    }
    Convert.perOutputScalar(counts, total, alpha, bias, out, n, accumulate, end);
  }

  /** (float) (2·counts[o..] − total) · alpha[o..] */
  private static FloatVector value(int[] counts, int total, float[] alpha, int o) {
    IntVector c = IntVector.fromArray(I, counts, o);
    IntVector d = c.add(c).sub(total);
    return ((FloatVector) d.convert(VectorOperators.I2F, 0))
        .mul(FloatVector.fromArray(F, alpha, o));
  }
}
