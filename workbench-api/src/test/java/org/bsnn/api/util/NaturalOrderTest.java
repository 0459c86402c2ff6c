package org.bsnn.api.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals(
        List.of("conv2", "conv10", "fc1", "relu1", "relu2", "relu10"),
        sorted("relu10", "relu2", "fc1", "conv10", "relu1", "conv2"));
    assertEquals(
        List.of("jobs[0]", "jobs[2]", "jobs[9].b", "jobs[10].a", "run.x"),
        sorted("run.x", "jobs[10].a", "jobs[2]", "jobs[9].b", "jobs[0]"));
  }

  @Test
  void digitRunsLongerThanALongCompare() {
    assertTrue(
        NaturalOrder.INSTANCE.compare("h99999999999999999999999", "h100000000000000000000000") < 0);
  }

  @Test
  void decimalsCompareNumerically() {
    assertEquals(List.of("99.0", "99.7", "99.9", "100.0"), sorted("100.0", "99.9", "99.0", "99.7"));
    assertEquals(List.of("-1", "0.5", "1", "2", "10"), sorted("10", "2", "0.5", "1", "-1"));
    assertEquals(0.001, NaturalOrder.number("1e-3"));
    assertNull(NaturalOrder.number("1.2.3"));
    assertNull(NaturalOrder.number(""));
  }

  @Test
  void totalOrderOnTies() {
    assertEquals(List.of("a", "a0"), sorted("a0", "a"));
    assertEquals(List.of("a1", "a01"), sorted("a01", "a1"));
    assertEquals(List.of("1.0", "1.00"), sorted("1.00", "1.0"));
    assertEquals(0, NaturalOrder.INSTANCE.compare("x12y", "x12y"));
  }
}
