package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void padsColumnsAndAlignsNumbersRight() {
    TextTable t = new TextTable(List.of("name", "n"), TextTable.Align.LEFT, TextTable.Align.RIGHT);
    t.add(List.of("alpha", "1")).add(List.of("b", "100"));
    assertEquals("name     n\n-----  ---\nalpha    1\nb      100\n", t.render());
  }

  @Test
  void trimsTrailingSpacesAndCountsCodePoints() {
    TextTable t = new TextTable(List.of("a", "note"), TextTable.Align.LEFT, TextTable.Align.LEFT);
    t.add(List.of("µ𝄞", "")).add(List.of("xyz", "n"));
    assertEquals("a    note\n---  ----\nµ𝄞\nxyz  n\n", t.render());
  }

  @Test
  void rejectsMismatchedRows() {
    TextTable t = new TextTable(List.of("a", "b"), TextTable.Align.LEFT, TextTable.Align.LEFT);
    assertTrue(t.isEmpty());
    assertThrows(IllegalArgumentException.class, () -> t.add(List.of("x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TextTable(List.of("a"), TextTable.Align.LEFT, TextTable.Align.LEFT));
  }
}
