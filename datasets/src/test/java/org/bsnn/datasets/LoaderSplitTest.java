package org.bsnn.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.junit.jupiter.api.Test;

class LoaderSplitTest {

  /** 23 images 2x4x4, every pixel distinct per image. */
  static ByteImages images(PadCropFlip aug) {
    int n = 23;
    byte[] px = new byte[n * 32];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 3);
      for (int p = 0; p < 32; p++) {
        px[i * 32 + p] = (byte) (i * 5 + p + 1);
      }
    }
    return new ByteImages.InMemory(px, labels, 2, 4, 4)
        .normalize(new Normalization(List.of(0.5, 0.25), List.of(0.5, 0.25), "test"))
        .augment(aug);
  }

  /** Every batch of an iterator as (features, labels), closing the batches. */
  static List<Object[]> drain(Iterator<Batch> it) {
    List<Object[]> out = new ArrayList<>();
    while (it.hasNext()) {
      try (Batch b = it.next()) {
        out.add(
            new Object[] {b.features().data().asFloat(), b.labels().clone(), b.features().shape()});
      }
    }
    return out;
  }

  static void assertSame(List<Object[]> a, List<Object[]> b) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals((float[]) a.get(i)[0], (float[]) b.get(i)[0]);
      assertArrayEquals((int[]) a.get(i)[1], (int[]) b.get(i)[1]);
      assertArrayEquals((long[]) a.get(i)[2], (long[]) b.get(i)[2]);
    }
  }

  @Test
  void testBatchesAreFileOrderDeterministicAndUnaugmented() {
    LoaderSplit split = LoaderSplit.all(images(new PadCropFlip(2, true)));
    List<Object[]> a = drain(split.batches(10));
    List<Object[]> b = drain(split.batches(10));
    assertSame(a, b);
    assertEquals(3, a.size());
    assertArrayEquals(new long[] {3, 2, 4, 4}, (long[]) a.get(2)[2]);
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0}, (int[]) a.get(0)[1]);
    float[] first = (float[]) a.get(0)[0];
    // image 0, channel 0, pixel 0 is byte 1: (1/255 - 0.5) / 0.5; channel 1 pixel 0 is byte 17
    assertEquals((1 / 255.0 - 0.5) / 0.5, first[0], 1e-6);
    assertEquals((17 / 255.0 - 0.25) / 0.25, first[16], 1e-6);
  }

  @Test
  void trainingBatchesDependOnlyOnTheRandom() {
    LoaderSplit split = LoaderSplit.all(images(new PadCropFlip(1, true)));
    List<Object[]> a = drain(split.trainingBatches(8, new SplittableRandom(42)));
    List<Object[]> b = drain(split.trainingBatches(8, new SplittableRandom(42)));
    List<Object[]> c = drain(split.trainingBatches(8, new SplittableRandom(43)));
    assertSame(a, b);
    assertFalse(Arrays.equals((float[]) a.get(0)[0], (float[]) c.get(0)[0]));
    int[] all = a.stream().flatMapToInt(x -> Arrays.stream((int[]) x[1])).sorted().toArray();
    int[] expected =
        drain(split.batches(100)).stream()
            .flatMapToInt(x -> Arrays.stream((int[]) x[1]))
            .sorted()
            .toArray();
    assertArrayEquals(expected, all, "an epoch visits every image once");
  }

  @Test
  void callerRandomAdvancesByAFixedAmount() {
    LoaderSplit split = LoaderSplit.all(images(new PadCropFlip(1, true)));
    SplittableRandom r1 = new SplittableRandom(7);
    SplittableRandom r2 = new SplittableRandom(7);
    split.trainingBatches(8, r1); // not iterated
    drain(split.trainingBatches(8, r2));
    assertEquals(r1.nextLong(), r2.nextLong());
  }

  @Test
  void padCropFlipMovesPixelsAndFillsZeroPadding() {
    ByteImages plain = images(PadCropFlip.NONE);
    float[] ref = new float[32];
    plain.load(0, ref, 0);
    float fill0 = (float) ((0 - 0.5) / 0.5);
    ByteImages aug = images(new PadCropFlip(3, true));
    boolean sawShift = false;
    boolean sawFlip = false;
    SplittableRandom r = new SplittableRandom(1);
    for (int t = 0; t < 200; t++) {
      float[] out = new float[32];
      aug.loadAugmented(0, out, 0, r);
      // every output pixel is either padding or some source pixel of the same channel
      for (int c = 0; c < 2; c++) {
        for (int p = 0; p < 16; p++) {
          float v = out[c * 16 + p];
          boolean isFill = v == (c == 0 ? fill0 : (float) ((0 - 0.25) / 0.25));
          boolean inSource = false;
          for (int q = 0; q < 16; q++) {
            inSource |= v == ref[c * 16 + q];
          }
          assertEquals(true, isFill || inSource);
        }
      }
      sawShift |= out[0] != ref[0] && out[0] != ref[3];
      // a pure flip (no shift): row 0 reversed
      sawFlip |= out[0] == ref[3] && out[1] == ref[2] && out[2] == ref[1] && out[3] == ref[0];
    }
    assertEquals(true, sawShift);
    assertEquals(true, sawFlip);
  }

  @Test
  void headAndRangeAreFilePrefixes() {
    LoaderSplit split = LoaderSplit.all(images(PadCropFlip.NONE));
    DataSplit h = split.head(5);
    assertEquals(5, h.size());
    assertEquals(23, split.head(100).size());
    List<Object[]> a = drain(h.batches(5));
    List<Object[]> b = drain(split.batches(5));
    assertArrayEquals((float[]) a.get(0)[0], (float[]) b.get(0)[0]);
    assertThrows(IllegalArgumentException.class, () -> split.batches(0));
  }
}
