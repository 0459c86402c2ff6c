package org.bsnn.api.util;

import java.util.Comparator;

/**
 * Orders strings the way people read them: runs of digits compare as numbers, so {@code relu2}
 * comes before {@code relu10} and {@code jobs[2]} before {@code jobs[10]}, and strings that both
 * parse as decimal numbers compare numerically, so {@code 99.7} comes before {@code 100.0}. Runs of
 * equal value compare by length ({@code a1} before {@code a01}); everything else by UTF-16 code
 * unit. The order is total and the same on every machine, so reports and diffs sorted with it are
 * reproducible.
 */
public final class NaturalOrder implements Comparator<String> {

  /** The shared instance. */
  public static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String x, String y) {
    Double nx = number(x);
    Double ny = number(y);
    if (nx != null && ny != null) {
      int c = Double.compare(nx, ny);
      if (c != 0) {
        return c;
      }
    }
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      char cx = x.charAt(i);
      char cy = y.charAt(j);
      if (isDigit(cx) && isDigit(cy)) {
        int ei = runEnd(x, i);
        int ej = runEnd(y, j);
        int c = compareRuns(x, i, ei, y, j, ej);
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        if (cx != cy) {
          return Character.compare(cx, cy);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(x.length() - i, y.length() - j);
  }

  /** The value of a plain decimal number ({@code 12}, {@code -0.5}, {@code 1e-3}), or null. */
  public static Double number(String s) {
    if (s.isEmpty() || !s.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      return null;
    }
    return Double.parseDouble(s);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int runEnd(String s, int from) {
    int e = from;
    while (e < s.length() && isDigit(s.charAt(e))) {
      e++;
    }
    return e;
  }

  /** Compares two digit runs by value without parsing them, so runs of any length work. */
  private static int compareRuns(String x, int i, int ei, String y, int j, int ej) {
    int si = i;
    while (si < ei - 1 && x.charAt(si) == '0') {
      si++;
    }
    int sj = j;
    while (sj < ej - 1 && y.charAt(sj) == '0') {
      sj++;
    }
    int c = Integer.compare(ei - si, ej - sj); // more significant digits: larger
    if (c != 0) {
      return c;
    }
    for (int k = 0; k < ei - si; k++) {
      c = Character.compare(x.charAt(si + k), y.charAt(sj + k));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ei - i, ej - j); // "01" after "1"
  }
}
