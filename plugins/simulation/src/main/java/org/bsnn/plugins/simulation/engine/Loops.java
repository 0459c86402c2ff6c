package org.bsnn.plugins.simulation.engine;

/**
 * The inner loops of the kernels, written so that HotSpot C2 (JDK 17) vectorises them: every array
 * is indexed from 0 by the loop variable. (C2's SuperWord gives up when two arrays are indexed with
 * different loop-invariant offsets, so the kernels keep one array per row instead of offsets into
 * flat arrays.) {@code Integer.bitCount} in such a loop becomes AVX-512 VPOPCNTD where the CPU has
 * it; {@code Long.bitCount} is not vectorised by JDK 17.
 */
final class Loops {

  private Loops() {}

  /**
   * Whether the AND + popcount loops run on the Vector API's lane-wise {@code BIT_COUNT}: only
   * where the CPU has a vector popcount instruction (AVX-512 VPOPCNTDQ; elsewhere C2 would emulate
   * it lane by lane) and the Vector API is on; {@code -Dbsnn.popcount.vector=false} forces the
   * scalar loops, {@code =true} the vector ones. Both give the same integers. Not final so that A/B
   * measurements can switch it in one JVM ({@code EngineKnobs}).
   */
  static volatile boolean vectorPopcount = vectorPopcountDefault();

  private static boolean vectorPopcountDefault() {
    String forced = System.getProperty("bsnn.popcount.vector");
    if (!Simd.ENABLED || "false".equals(forced)) {
      return false;
    }
    return "true".equals(forced) || CpuFlags.has("avx512_vpopcntdq");
  }

  /** {@code counts[j] += bitCount(row[j] & mask)} for j < n. */
  static void popcountAnd(int[] counts, int[] row, int mask, int n) {
    if (vectorPopcount) {
      VectorLoops.popcountAnd(counts, row, mask, n);
    } else {
      scalarPopcountAnd(counts, row, mask, n);
    }
  }

  /** The scalar twin of {@link #popcountAnd} (C2 vectorises it on long rows). */
  static void scalarPopcountAnd(int[] counts, int[] row, int mask, int n) {
    for (int j = 0; j < n; j++) {
      counts[j] += Integer.bitCount(row[j] & mask);
    }
  }

  /** Four {@link #popcountAnd} at once: one load and store of {@code counts} per four words. */
  static void popcountAnd4(
      int[] counts, int[] a, int ma, int[] b, int mb, int[] c, int mc, int[] d, int md, int n) {
    if (vectorPopcount) {
      VectorLoops.popcountAnd4(counts, a, ma, b, mb, c, mc, d, md, n);
    } else {
      scalarPopcountAnd4(counts, a, ma, b, mb, c, mc, d, md, n);
    }
  }

  /** The scalar twin of {@link #popcountAnd4}. */
  static void scalarPopcountAnd4(
      int[] counts, int[] a, int ma, int[] b, int mb, int[] c, int mc, int[] d, int md, int n) {
    for (int j = 0; j < n; j++) {
      counts[j] +=
          Integer.bitCount(a[j] & ma)
              + Integer.bitCount(b[j] & mb)
              + Integer.bitCount(c[j] & mc)
              + Integer.bitCount(d[j] & md);
    }
  }

  /** {@code acc[j] += row[j]} for j < n. */
  static void add(short[] acc, short[] row, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] += row[j];
    }
  }

  /**
   * {@code acc[j] += row[j]} for a short row (a few vectors: one kernel tap over the output
   * channels), on the Vector API when present: C2's vector loop needs several vectors' worth of
   * iterations before it runs at all.
   */
  static void addRow(float[] acc, float[] row, int n) {
    if (Simd.ENABLED) {
      VectorLoops.add(acc, row, n);
    } else {
      add(acc, row, n);
    }
  }

  /**
   * {@code acc[a + j] += row[r + j]} for j < n, a short row (see {@link #addRow(float[], float[],
   * int)}).
   */
  static void addRow(float[] acc, int a, float[] row, int r, int n) {
    if (Simd.ENABLED) {
      VectorLoops.add(acc, a, row, r, n);
    } else {
      for (int j = 0; j < n; j++) {
        acc[a + j] += row[r + j];
      }
    }
  }

  /**
   * {@code acc[a + j] *= row[j]} for j < n, a short row (see {@link #addRow(float[], float[],
   * int)}).
   */
  static void mulRow(float[] acc, int a, float[] row, int n) {
    if (Simd.ENABLED) {
      VectorLoops.mul(acc, a, row, n);
    } else {
      for (int j = 0; j < n; j++) {
        acc[a + j] *= row[j];
      }
    }
  }

  /** {@link #addRow(float[], float[], int)} for rows of packed counters. */
  static void addRow(long[] acc, long[] row, int n) {
    if (Simd.ENABLED) {
      VectorLoops.add(acc, row, n);
    } else {
      add(acc, row, n);
    }
  }

  /** {@code acc[j] += row[j]} for j < n. */
  static void add(float[] acc, float[] row, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] += row[j];
    }
  }

  /**
   * {@code acc[j] += row[j]} for j < n (four 16-bit counters per long, no carries between them).
   */
  static void add(long[] acc, long[] row, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] += row[j];
    }
  }

  /** {@code acc[j] += row[j]} for j < n. */
  static void add(int[] acc, int[] row, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] += row[j];
    }
  }
}
