package org.bsnn.plugins.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class WeightInitTest {

  @Test
  void kaimingFanOutHasTheDocumentedSpread() {
    INDArray w = WeightInit.kaimingNormalFanOut(64, 16, 3, new SplittableRandom(1));
    assertArrayEquals(new long[] {64, 16, 3, 3}, w.shape());
    assertEquals(Math.sqrt(2.0 / (64 * 9)), w.stdNumber().doubleValue(), 0.003);
    assertEquals(0.0, w.meanNumber().doubleValue(), 0.005);
  }

  @Test
  void sameSeedSameValuesOtherSeedOtherValues() {
    long[] shape = {3, 5};
    assertEquals(
        WeightInit.normal(shape, 1, new SplittableRandom(4)),
        WeightInit.normal(shape, 1, new SplittableRandom(4)));
    assertNotEquals(
        WeightInit.normal(shape, 1, new SplittableRandom(4)),
        WeightInit.normal(shape, 1, new SplittableRandom(5)));
  }
}
