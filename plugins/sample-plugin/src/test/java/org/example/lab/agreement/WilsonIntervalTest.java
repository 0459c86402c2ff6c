package org.example.lab.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

  /**
   * Newcombe (1998), Stat. Med. 17:857-872, table I, method 3 (Wilson score without correction), to
   * 4 decimals.
   */
  @Test
  void reproducesNewcombesWorkedExamples() {
    check(81, 263, 0.2553, 0.3662);
    check(15, 148, 0.0624, 0.1605);
    check(0, 20, 0.0000, 0.1611);
    check(1, 29, 0.0061, 0.1718);
  }

  private static void check(long k, long n, double low, double high) {
    WilsonInterval w = WilsonInterval.of(k, n, 0.95);
    assertEquals(low, w.low(), 5e-5, k + "/" + n + " low");
    assertEquals(high, w.high(), 5e-5, k + "/" + n + " high");
  }

  @Test
  void higherConfidenceGivesAWiderIntervalAndAllAgreeingStaysBelowOne() {
    WilsonInterval c95 = WilsonInterval.of(190, 200, 0.95);
    WilsonInterval c99 = WilsonInterval.of(190, 200, 0.99);
    assertTrue(c99.low() < c95.low() && c95.high() < c99.high());
    WilsonInterval all = WilsonInterval.of(200, 200, 0.95);
    assertEquals(1.0, all.high(), 1e-12);
    assertTrue(all.low() < 1.0, "n of n is not certainty");
    assertTrue(Double.isNaN(WilsonInterval.of(0, 0, 0.95).low()));
  }

  @Test
  void normalQuantilesMatchTheTables() {
    assertEquals(1.959964, NormalQuantile.of(0.975), 1e-6);
    assertEquals(2.575829, NormalQuantile.of(0.995), 1e-6);
    assertEquals(-2.326348, NormalQuantile.of(0.01), 1e-6); // lower tail branch
    assertEquals(0.0, NormalQuantile.of(0.5), 1e-12);
    assertEquals(-NormalQuantile.of(0.999), NormalQuantile.of(0.001), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> NormalQuantile.of(1.0));
  }
}
