package org.bsnn.experiments.diff;

import java.util.Comparator;

/**
 * Orders strings with digit runs compared as numbers, so that {@code jobs[2]} comes before
 * {@code jobs[10]}. Runs are compared by value (leading zeros aside), then by length; the rest by
 * UTF-16 code unit.
 */
final class NaturalOrder implements Comparator<String> {

  /** The shared instance. */
  static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String x, String y) {
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
