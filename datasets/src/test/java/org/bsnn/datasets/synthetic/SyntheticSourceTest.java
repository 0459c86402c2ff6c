package org.bsnn.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.data.Dataset;
import org.junit.jupiter.api.Test;

class SyntheticSourceTest {

  static SyntheticConfig config(long seed) {
    return new SyntheticConfig(3, 20, 24, 5, 300, 100, seed, 0.1, 2, 50, 2, true);
  }

  static float[][] all(DataSplit s, int[] labels) {
    float[][] out = new float[s.size()][];
    Iterator<Batch> it = s.batches(64);
    int i = 0;
    while (it.hasNext()) {
      try (Batch b = it.next()) {
        float[] f = b.features().data().asFloat();
        int len = f.length / b.size();
        for (int j = 0; j < b.size(); j++) {
          out[i] = Arrays.copyOfRange(f, j * len, (j + 1) * len);
          if (labels != null) {
            labels[i] = b.labels()[j];
          }
          i++;
        }
      }
    }
    return out;
  }

  @Test
  void shapeSplitsAndStatisticsFollowTheConfig() {
    Dataset d = new SyntheticSource(config(1)).open(null);
    assertArrayEquals(new long[] {3, 20, 24}, d.info().imageShape());
    assertEquals(5, d.info().classes());
    assertEquals(250, d.train().size());
    assertEquals(50, d.validation().orElseThrow().size());
    assertEquals(100, d.test().size());
    assertTrue(new SyntheticSource(config(1)).status().ready());
    int[] labels = new int[100];
    float[][] x = all(d.test(), labels);
    int[] hist = new int[5];
    double sum = 0;
    for (int i = 0; i < 100; i++) {
      hist[labels[i]]++;
      for (float v : x[i]) {
        sum += v;
      }
    }
    for (int h : hist) {
      assertTrue(h > 8, Arrays.toString(hist));
    }
    assertEquals(0.0, sum / (100 * 3 * 20 * 24), 0.15, "normalized features are roughly centred");
  }

  @Test
  void fullyDeterminedByTheConfigSeed() {
    Dataset a = new SyntheticSource(config(7)).open(null);
    Dataset b = new SyntheticSource(config(7)).open(null);
    Dataset c = new SyntheticSource(config(8)).open(null);
    float[][] xa = all(a.test(), null);
    assertArrayEquals(xa, all(b.test(), null));
    assertArrayEquals(xa, all(a.test(), null));
    assertFalse(Arrays.equals(xa[0], all(c.test(), null)[0]));
    try (Batch ba = a.train().trainingBatches(32, new SplittableRandom(5)).next();
        Batch bb = b.train().trainingBatches(32, new SplittableRandom(5)).next()) {
      assertArrayEquals(ba.features().data().asFloat(), bb.features().data().asFloat());
      assertArrayEquals(ba.labels(), bb.labels());
    }
  }

  @Test
  void learnableByANearestClassMeanClassifier() {
    // the defaults (noise 0.1, shift 2): even this linear baseline gets most right
    assertTrue(nearestClassMeanCorrect(SyntheticConfig.defaults()) >= 160); // of 200
    // without shift the classes are separated completely
    assertTrue(
        nearestClassMeanCorrect(
                new SyntheticConfig(1, 28, 28, 10, 1000, 200, 0, 0.1, 0, 0, 0, false))
            >= 198);
  }

  static int nearestClassMeanCorrect(SyntheticConfig config) {
    Dataset d = new SyntheticSource(config).open(null);
    int[] trainLabels = new int[d.train().size()];
    float[][] train = all(d.train(), trainLabels);
    int len = train[0].length;
    double[][] centroid = new double[10][len];
    int[] n = new int[10];
    for (int i = 0; i < train.length; i++) {
      n[trainLabels[i]]++;
      for (int p = 0; p < len; p++) {
        centroid[trainLabels[i]][p] += train[i][p];
      }
    }
    for (int k = 0; k < 10; k++) {
      for (int p = 0; p < len; p++) {
        centroid[k][p] /= Math.max(1, n[k]);
      }
    }
    int[] testLabels = new int[d.test().size()];
    float[][] test = all(d.test(), testLabels);
    int correct = 0;
    for (int i = 0; i < test.length; i++) {
      int best = -1;
      double bestD = Double.MAX_VALUE;
      for (int k = 0; k < 10; k++) {
        double dist = 0;
        for (int p = 0; p < len; p++) {
          double e = test[i][p] - centroid[k][p];
          dist += e * e;
        }
        if (dist < bestD) {
          bestD = dist;
          best = k;
        }
      }
      correct += best == testLabels[i] ? 1 : 0;
    }
    System.out.println(
        "synthetic " + config + ": nearest class mean " + correct + "/" + test.length);
    return correct;
  }

  @Test
  void configIsValidated() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SyntheticConfig(0, 28, 28, 10, 10, 10, 0, 0.1, 0, 0, 0, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SyntheticConfig(1, 28, 28, 1, 10, 10, 0, 0.1, 0, 0, 0, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SyntheticConfig(1, 28, 28, 2, 10, 10, 0, 0.1, 0, 10, 0, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SyntheticConfig(1, 28, 28, 2, 10, 10, 0, -1, 0, 0, 0, false));
  }
}
