package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanStdTest {

  @Test
  void sampleStandardDeviation() {
    MeanStd m = MeanStd.of(0.90, 0.91, 0.92);
    assertEquals(0.91, m.mean(), 1e-12);
    assertEquals(0.01, m.std(), 1e-12);
    assertEquals(3, m.n());
    assertEquals("91.00 ± 1.00", m.scaled(100).format(2));
  }

  @Test
  void oneValueHasNoSpread() {
    MeanStd m = MeanStd.of(26.0);
    assertEquals(0, m.std());
    assertEquals("26.0", m.format(1));
  }

  @Test
  void nanValuesAreCountedAsMissing() {
    MeanStd m = MeanStd.of(30, Double.NaN, 34);
    assertEquals(32, m.mean(), 1e-12);
    assertEquals(1, m.missing());
    MeanStd none = MeanStd.of(Double.NaN, Double.NaN);
    assertTrue(none.isEmpty());
    assertEquals("n/a", none.format(1));
  }
}
