package org.bsnn.api.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.bsnn.api.data.Batch;
import org.junit.jupiter.api.Test;

/** The test helpers are themselves tested: plugin tests rely on them. */
class InMemoryDataSplitTest {

  private static InMemoryDataSplit ten() {
    float[][] images = new float[10][6];
    int[] labels = new int[10];
    for (int i = 0; i < 10; i++) {
      for (int p = 0; p < 6; p++) {
        images[i][p] = i * 10 + p;
      }
      labels[i] = i % 3;
    }
    return InMemoryDataSplit.of(images, labels, 2, 1, 3);
  }

  private static List<Integer> firstPixels(Iterator<Batch> batches, List<Integer> sizes) {
    List<Integer> out = new ArrayList<>();
    while (batches.hasNext()) {
      try (Batch b = batches.next()) {
        sizes.add(b.size());
        for (int i = 0; i < b.size(); i++) {
          out.add((int) b.features().getDouble(i, 0, 0, 0) / 10);
          assertEquals(out.get(out.size() - 1) % 3, b.labels()[i]);
        }
      }
    }
    return out;
  }

  @Test
  void batchesAreInOrderWithTheImageShape() {
    InMemoryDataSplit split = ten();
    List<Integer> sizes = new ArrayList<>();
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), firstPixels(split.batches(4), sizes));
    assertEquals(List.of(4, 4, 2), sizes);
    try (Batch b = split.batches(3).next()) {
      assertArrayEquals(new long[] {3, 2, 1, 3}, b.features().shape());
      assertEquals(
          15.0, b.features().getDouble(1, 1, 0, 2), 0.0); // image 1, channel 1, pixel 2 -> 10 + 5
    }
    assertEquals(13, split.imagesServed());
  }

  @Test
  void headKeepsTheFirstImagesAndSharesTheServedCounter() {
    InMemoryDataSplit split = ten();
    InMemoryDataSplit head = split.head(3);
    assertEquals(3, head.size());
    assertEquals(10, split.head(50).size());
    assertEquals(List.of(0, 1, 2), firstPixels(head.batches(2), new ArrayList<>()));
    assertEquals(3, split.imagesServed());
  }

  @Test
  void trainingBatchesAreASeededShuffle() {
    InMemoryDataSplit split = ten();
    List<Integer> a =
        firstPixels(split.trainingBatches(3, new SplittableRandom(1)), new ArrayList<>());
    List<Integer> b =
        firstPixels(split.trainingBatches(3, new SplittableRandom(1)), new ArrayList<>());
    List<Integer> c =
        firstPixels(split.trainingBatches(3, new SplittableRandom(2)), new ArrayList<>());
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), a.stream().sorted().toList());
  }

  @Test
  void mismatchedShapesAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> InMemoryDataSplit.of(new float[][] {{1, 2}}, new int[] {0}, 1, 1, 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> InMemoryDataSplit.flat(new float[][] {{1}}, new int[] {0, 1}));
  }

  @Test
  void testRunContextDerivesOneStreamPerPurpose() {
    TestRunContext a = new TestRunContext(3);
    TestRunContext b = new TestRunContext(3);
    assertEquals(a.random("init").nextLong(), b.random("init").nextLong());
    assertNotEquals(a.random("init").nextLong(), a.random("poisson").nextLong());
    assertNotEquals(a.random("init").nextLong(), new TestRunContext(4).random("init").nextLong());
    a.provenance("k", 1);
    a.log().warn("careful");
    assertEquals(1, a.recordedProvenance().get("k"));
    assertEquals(List.of("careful"), a.warnings());
    assertEquals(a.workDir(), a.workDir());
  }
}
