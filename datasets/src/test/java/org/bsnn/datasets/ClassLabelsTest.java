package org.bsnn.datasets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bsnn.api.data.DataUnavailableException;
import org.junit.jupiter.api.Test;

class ClassLabelsTest {

  private static ClassLabels.LabelFile file(String name, int... labels) {
    byte[] b = new byte[labels.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) labels[i];
    }
    // CIFAR-100-like layout: records of 3074 bytes, the fine label second
    return new ClassLabels.LabelFile(Path.of(name), b, 1, 3074);
  }

  @Test
  void inferredCountIsLargestLabelPlusOneWhenEveryClassIsTrained() {
    assertEquals(4, ClassLabels.infer("d", file("train", 0, 3, 1, 2, 2), file("test", 1, 3)));
    // bytes are unsigned: label 255 is a class, not -1
    int[] all = new int[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    assertEquals(256, ClassLabels.infer("d", file("train", all), file("test", 255)));
  }

  @Test
  void aLabelBeyondTheTrainedClassesNamesFileRecordAndOffset() {
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> ClassLabels.infer("d", file("train", 0, 1, 2, 1), file("test", 2, 0, 9)));
    assertEquals(
        "d: labels 0..9 in train and test imply 10 classes but 7 of them have no training"
            + " example; the largest label, 9, first appears in test record 2 (label 9, byte offset"
            + " 6149). Set `classes:` (e.g. classes: 3, which reports every label above it) or fix"
            + " the label file",
        e.getMessage());
  }

  @Test
  void requireBelowNamesTheFirstLabelOutOfRange() {
    assertDoesNotThrow(() -> ClassLabels.requireBelow(file("f", 0, 4, 2), 5));
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> ClassLabels.requireBelow(file("f", 0, 7, 5, 9), 5));
    assertTrue(
        e.getMessage()
            .startsWith(
                "f: label 7 of record 1 (byte offset 3075) is out of range; this dataset has 5"
                    + " classes, labels 0..4"),
        e.getMessage());
  }
}
