package org.bsnn.api.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.bsnn.api.data.Batch;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InputEncoderTest {

  private static final int PIXELS = 6;

  /** Images with values in [-1.5, 1.5]: some pixels always spike, some never, signs kept. */
  private static float[][] images(int n) {
    Random r = new Random(3);
    float[][] x = new float[n][PIXELS];
    for (float[] row : x) {
      for (int j = 0; j < PIXELS; j++) {
        row[j] = (float) (r.nextDouble() * 3 - 1.5);
      }
    }
    x[0][0] = 0f;
    return x;
  }

  private static Batch batch(float[][] x, int from, int to) {
    float[] flat = new float[(to - from) * PIXELS];
    for (int i = from; i < to; i++) {
      System.arraycopy(x[i], 0, flat, (i - from) * PIXELS, PIXELS);
    }
    return new Batch(Nd4j.create(flat, new long[] {to - from, 1, 2, 3}, 'c'), new int[to - from]);
  }

  /**
   * Sample i's spikes over the steps: the i-th split stream of the root, one draw per pixel in
   * order.
   */
  private static float[][] expected(float[][] x, int i, int steps, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom stream = null;
    for (int k = 0; k <= i; k++) {
      stream = root.split();
    }
    float[][] out = new float[steps][PIXELS];
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < PIXELS; j++) {
        double p = Math.min(1.0, Math.abs(x[i][j]));
        out[t][j] = stream.nextDouble() < p ? Math.signum(x[i][j]) : 0f;
      }
    }
    return out;
  }

  private static float[] row(INDArray drawn, int r) {
    try (INDArray flat = drawn.reshape(drawn.size(0), PIXELS).getRow(r).dup()) {
      return flat.data().asFloat();
    }
  }

  @Test
  void aSampleDrawsFromItsOwnStreamWhateverTheBatchOrShard() {
    float[][] x = images(7);
    int steps = 4;
    // one run in batches of 3, where samples 1 and 5 stop after the first step (no longer drawn
    // for)
    InputEncoder encoder = InputEncoder.perSample(Encoding.POISSON, new SplittableRandom(11));
    float[][][] seen = new float[7][steps][];
    for (int from = 0; from < 7; from += 3) {
      int to = Math.min(7, from + 3);
      try (Batch b = batch(x, from, to)) {
        InputEncoder.BatchInput in = encoder.begin(b, from);
        assertNull(in.constant());
        for (int t = 0; t < steps; t++) {
          int start = from;
          int step = t;
          int[] rows =
              java.util.stream.IntStream.range(0, to - from)
                  .filter(r -> step == 0 || start + r != 1 && start + r != 5)
                  .toArray();
          try (INDArray drawn = in.draw(rows)) {
            for (int r = 0; r < rows.length; r++) {
              seen[from + rows[r]][t] = row(drawn, r);
            }
          }
        }
      }
    }
    // a shard that starts at sample 5, on its own
    InputEncoder shard = InputEncoder.perSample(Encoding.POISSON, new SplittableRandom(11));
    float[][] alone = new float[steps][];
    try (Batch b = batch(x, 5, 6)) {
      InputEncoder.BatchInput in = shard.begin(b, 5);
      for (int t = 0; t < steps; t++) {
        try (INDArray drawn = in.draw(new int[] {0})) {
          alone[t] = row(drawn, 0);
        }
      }
    }
    boolean anySpike = false;
    for (int i = 0; i < 7; i++) {
      float[][] want = expected(x, i, steps, 11);
      for (int t = 0; t < (i == 1 || i == 5 ? 1 : steps); t++) {
        assertArrayEquals(want[t], seen[i][t], "sample " + i + ", step " + t);
        for (float v : want[t]) {
          anySpike |= v != 0;
        }
      }
    }
    assertTrue(anySpike);
    for (int t = 0; t < steps; t++) {
      assertArrayEquals(expected(x, 5, steps, 11)[t], alone[t], "shard from sample 5, step " + t);
    }
  }

  @Test
  void liveRowsOnlyAdvanceTheirOwnStreams() {
    float[][] x = images(3);
    InputEncoder encoder = InputEncoder.perSample(Encoding.POISSON, new SplittableRandom(2));
    try (Batch b = batch(x, 0, 3)) {
      InputEncoder.BatchInput in = encoder.begin(b, 0);
      in.draw(new int[] {0, 1, 2}).close();
      float[] second;
      try (INDArray drawn = in.draw(new int[] {2})) { // samples 0 and 1 stopped
        second = row(drawn, 0);
      }
      assertArrayEquals(expected(x, 2, 2, 2)[1], second);
    }
  }

  @Test
  void aSharedStreamDrawsSampleAfterSampleAcrossBatches() {
    float[][] x = images(5);
    InputEncoder encoder = InputEncoder.shared(Encoding.POISSON, new SplittableRandom(4));
    SplittableRandom reference = new SplittableRandom(4);
    for (int from = 0; from < 5; from += 2) {
      int to = Math.min(5, from + 2);
      try (Batch b = batch(x, from, to)) {
        InputEncoder.BatchInput in = encoder.begin(b, from);
        try (INDArray drawn = in.draw(java.util.stream.IntStream.range(0, to - from).toArray())) {
          for (int i = from; i < to; i++) {
            float[] want = new float[PIXELS];
            for (int j = 0; j < PIXELS; j++) {
              want[j] =
                  reference.nextDouble() < Math.min(1.0, Math.abs(x[i][j]))
                      ? Math.signum(x[i][j])
                      : 0f;
            }
            assertArrayEquals(want, row(drawn, i - from));
          }
        }
      }
    }
  }

  @Test
  void directInputIsTheImageEveryStepAndBatchesMustComeInOrder() {
    float[][] x = images(4);
    InputEncoder direct = InputEncoder.perSample(Encoding.DIRECT, new SplittableRandom(1));
    try (Batch b = batch(x, 0, 2)) {
      InputEncoder.BatchInput in = direct.begin(b, 0);
      assertSame(b.features(), in.constant());
      assertNull(in.draw(new int[] {0, 1}));
    }
    InputEncoder poisson = InputEncoder.perSample(Encoding.POISSON, new SplittableRandom(1));
    try (Batch later = batch(x, 2, 4);
        Batch earlier = batch(x, 0, 2)) {
      poisson.begin(later, 2);
      assertThrows(IllegalStateException.class, () -> poisson.begin(earlier, 0));
    }
  }
}
