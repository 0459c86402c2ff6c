package org.bsnn.figures;

import java.util.Comparator;

/**
 * Orders strings the way people read them: runs of digits compare as numbers, so {@code relu2}
 * comes before {@code relu10} and {@code 99.7} before {@code 100.0}. Strings that both parse as
 * decimal numbers compare numerically. Ties fall back to plain string order, so the order is total
 * and the same on every machine.
 */
public final class NaturalOrder implements Comparator<String> {

  /** The shared instance. */
  public static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String a, String b) {
    Double na = number(a);
    Double nb = number(b);
    if (na != null && nb != null) {
      int c = Double.compare(na, nb);
      return c != 0 ? c : a.compareTo(b);
    }
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int ei = i;
        while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
          ei++;
        }
        int ej = j;
        while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
          ej++;
        }
        String da = stripZeros(a.substring(i, ei));
        String db = stripZeros(b.substring(j, ej));
        int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }

  /** The value of a plain decimal number, or null. */
  static Double number(String s) {
    if (s.isEmpty() || !s.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      return null;
    }
    return Double.parseDouble(s);
  }
}
