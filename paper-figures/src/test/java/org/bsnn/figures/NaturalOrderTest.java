package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

  private static List<String> sorted(String... s) {
    List<String> l = new ArrayList<>(List.of(s));
    l.sort(NaturalOrder.INSTANCE);
    return l;
  }

  @Test
  void digitRunsCompareAsNumbers() {
    assertEquals(List.of("conv2", "conv10", "fc1", "relu1", "relu2", "relu10"),
        sorted("relu10", "relu2", "fc1", "conv10", "relu1", "conv2"));
  }

  @Test
  void decimalsCompareNumerically() {
    assertEquals(List.of("99.0", "99.7", "99.9", "100.0"), sorted("100.0", "99.9", "99.0", "99.7"));
    assertEquals(List.of("0.5", "1", "2", "10"), sorted("10", "2", "0.5", "1"));
  }

  @Test
  void totalOrderOnTies() {
    assertEquals(List.of("a01", "a1"), sorted("a1", "a01"));
    assertEquals(List.of("1.0", "1.00"), sorted("1.00", "1.0"));
  }
}
