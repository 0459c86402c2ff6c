package org.bsnn.plugins.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VggSpecTest {

  @Test
  void parsesConvPoolAndFc() {
    VggSpec spec = VggSpec.parse("c32-c32p-fc256-fc10");
    assertEquals(4, spec.layers().size());
    assertEquals(new VggSpec.Entry(true, 32, false), spec.layers().get(0));
    assertEquals(new VggSpec.Entry(true, 32, true), spec.layers().get(1));
    assertEquals(new VggSpec.Entry(false, 256, false), spec.layers().get(2));
    assertEquals(10, spec.classes());
  }

  @Test
  void rejectsBadEntriesWithTheGrammar() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> VggSpec.parse("c32-x5-fc10"));
    assertTrue(e.getMessage().contains("'x5'") && e.getMessage().contains("cNp"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VggSpec.parse("c32-c32p"));
    assertThrows(IllegalArgumentException.class, () -> VggSpec.parse("fc10-c32-fc10"));
    assertThrows(IllegalArgumentException.class, () -> VggSpec.parse("c32-fc10p"));
    assertThrows(IllegalArgumentException.class, () -> VggSpec.parse("c0-fc10"));
    assertThrows(IllegalArgumentException.class, () -> VggSpec.parse(""));
  }
}
