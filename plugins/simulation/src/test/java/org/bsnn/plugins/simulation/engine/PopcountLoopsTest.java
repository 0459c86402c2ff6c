package org.bsnn.plugins.simulation.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API AND + popcount loops against their scalar twins: the same integers for every row
 * length (vector body, tail, both), all-ones and sign-bit words included.
 */
class PopcountLoopsTest {

  private static int[] row(Random r, int n) {
    int[] x = new int[n];
    for (int j = 0; j < n; j++) {
      x[j] =
          switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> -1;
            default -> r.nextInt();
          };
    }
    return x;
  }

  @Test
  void vectorAndScalarLoopsGiveTheSameCounts() {
    assumeTrue(Simd.ENABLED, "needs --add-modules jdk.incubator.vector");
    Random r = new Random(5);
    for (int n : new int[] {0, 1, 7, 15, 16, 17, 31, 64, 100, 513}) {
      int[][] rows = {row(r, n), row(r, n), row(r, n), row(r, n)};
      int[] masks = {r.nextInt(), -1, 0, Integer.MIN_VALUE};
      int[] start = row(r, n);
      for (int j = 0; j < n; j++) {
        start[j] &= 0xffff; // counts, not bit patterns
      }
      int[] scalar = start.clone();
      int[] vector = start.clone();
      Loops.scalarPopcountAnd4(
          scalar, rows[0], masks[0], rows[1], masks[1], rows[2], masks[2], rows[3], masks[3], n);
      VectorLoops.popcountAnd4(
          vector, rows[0], masks[0], rows[1], masks[1], rows[2], masks[2], rows[3], masks[3], n);
      assertArrayEquals(scalar, vector, "popcountAnd4, n=" + n);
      Loops.scalarPopcountAnd(scalar, rows[1], masks[0], n);
      VectorLoops.popcountAnd(vector, rows[1], masks[0], n);
      assertArrayEquals(scalar, vector, "popcountAnd, n=" + n);
    }
  }
}
