package org.bsnn.plugins.simulation.engine;

import java.util.Arrays;

/** Per-thread work arrays, grown on demand and reused across samples, nodes and timesteps. */
final class Scratch {

  /** Float slots: the weighted op's output before the tail, a node's current, a contribution. */
  static final int CONV = 0;

  static final int CURRENT = 1;
  static final int CONTRIBUTION = 2;

  private final float[][] floats = new float[3][0];
  private int[] ints = new int[0];
  private int[] ints2 = new int[0];
  private short[] shorts = new short[0];
  private long[] longs = new long[0];
  private int[][] intRows = new int[0][0];
  private int[][] intRows2 = new int[0][0];
  private int[][] intRows3 = new int[0][0];
  private long[][] longRows = new long[0][0];
  private int[] intRow = new int[0];
  private int[] intRow2 = new int[0];
  private short[][] shortRows = new short[0][0];
  private float[][] floatRows = new float[0][0];
  private float[][] floatRows2 = new float[0][0];
  private float[] flat = new float[0];

  float[] floats(int slot, int size) {
    if (floats[slot].length < size) {
      floats[slot] = new float[size];
    }
    return floats[slot];
  }

  /** Integer counts, not cleared. */
  int[] counts(int size) {
    if (ints.length < size) {
      ints = new int[size];
    }
    return ints;
  }

  /** Spike indices or per-position totals, not cleared. */
  int[] indices(int size) {
    if (ints2.length < size) {
      ints2 = new int[size];
    }
    return ints2;
  }

  /** Short accumulators, cleared to 0 over {@code size}. */
  short[] zeroShorts(int size) {
    if (shorts.length < size) {
      shorts = new short[size];
    } else {
      Arrays.fill(shorts, 0, size, (short) 0);
    }
    return shorts;
  }

  /** Packed patches, not cleared. */
  long[] longs(int size) {
    if (longs.length < size) {
      longs = new long[size];
    }
    return longs;
  }

  /** At least {@code rows} int arrays of at least {@code cols} values each, not cleared. */
  int[][] intRows(int rows, int cols) {
    if (intRows.length < rows || intRows[0].length < cols) {
      intRows =
          new int[Math.max(rows, intRows.length)]
              [Math.max(cols, intRows.length == 0 ? 0 : intRows[0].length)];
    }
    return intRows;
  }

  /** An int array of at least {@code size} values, cleared over {@code size}. */
  int[] zeroInts(int size) {
    if (intRow.length < size) {
      intRow = new int[size];
    } else {
      Arrays.fill(intRow, 0, size, 0);
    }
    return intRow;
  }

  /** A second int array of at least {@code size} values, not cleared. */
  int[] ints(int size) {
    if (intRow2.length < size) {
      intRow2 = new int[size];
    }
    return intRow2;
  }

  /**
   * At least {@code rows} short arrays of at least {@code cols} values, the first rows cleared over
   * cols.
   */
  short[][] zeroShortRows(int rows, int cols) {
    if (shortRows.length < rows || shortRows[0].length < cols) {
      shortRows =
          new short[Math.max(rows, shortRows.length)]
              [Math.max(cols, shortRows.length == 0 ? 0 : shortRows[0].length)];
    } else {
      for (int r = 0; r < rows; r++) {
        Arrays.fill(shortRows[r], 0, cols, (short) 0);
      }
    }
    return shortRows;
  }

  /**
   * At least {@code rows} float arrays of at least {@code cols} values, the first rows cleared over
   * cols.
   */
  float[][] zeroFloatRows(int rows, int cols) {
    if (floatRows.length < rows || floatRows[0].length < cols) {
      floatRows =
          new float[Math.max(rows, floatRows.length)]
              [Math.max(cols, floatRows.length == 0 ? 0 : floatRows[0].length)];
    } else {
      for (int r = 0; r < rows; r++) {
        Arrays.fill(floatRows[r], 0, cols, 0f);
      }
    }
    return floatRows;
  }

  /** A float array of at least {@code size} values, cleared over {@code size}. */
  float[] zeroFloats(int size) {
    if (flat.length < size) {
      flat = new float[size];
    } else {
      Arrays.fill(flat, 0, size, 0f);
    }
    return flat;
  }

  /** At least {@code rows} float arrays of at least {@code cols} values, not cleared. */
  float[][] floatRows(int rows, int cols) {
    if (floatRows2.length < rows || floatRows2[0].length < cols) {
      floatRows2 =
          new float[Math.max(rows, floatRows2.length)]
              [Math.max(cols, floatRows2.length == 0 ? 0 : floatRows2[0].length)];
    }
    return floatRows2;
  }

  /** A second set of int rows (see {@link #intRows}). */
  int[][] intRows2(int rows, int cols) {
    if (intRows2.length < rows || intRows2[0].length < cols) {
      intRows2 =
          new int[Math.max(rows, intRows2.length)]
              [Math.max(cols, intRows2.length == 0 ? 0 : intRows2[0].length)];
    }
    return intRows2;
  }

  /** A third set of int rows (see {@link #intRows}). */
  int[][] intRows3(int rows, int cols) {
    if (intRows3.length < rows || intRows3[0].length < cols) {
      intRows3 =
          new int[Math.max(rows, intRows3.length)]
              [Math.max(cols, intRows3.length == 0 ? 0 : intRows3[0].length)];
    }
    return intRows3;
  }

  /**
   * At least {@code rows} long arrays of at least {@code cols} values, the first rows cleared over
   * cols.
   */
  long[][] zeroLongRows(int rows, int cols) {
    if (longRows.length < rows || longRows[0].length < cols) {
      longRows =
          new long[Math.max(rows, longRows.length)]
              [Math.max(cols, longRows.length == 0 ? 0 : longRows[0].length)];
    } else {
      for (int r = 0; r < rows; r++) {
        Arrays.fill(longRows[r], 0, cols, 0L);
      }
    }
    return longRows;
  }
}
