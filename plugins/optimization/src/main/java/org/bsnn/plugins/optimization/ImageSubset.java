package org.bsnn.plugins.optimization;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A few images of a split held in memory: {@code count} distinct images drawn uniformly at random,
 * kept in the split's order. Post-conversion calibration reads them several times (once per layer),
 * so they are read from the split once.
 */
final class ImageSubset implements DataSplit {

  private final float[] features; // [n, c, h, w] in C order
  private final int[] labels;
  private final long[] imageShape;

  private ImageSubset(float[] features, int[] labels, long[] imageShape) {
    this.features = features;
    this.labels = labels;
    this.imageShape = imageShape;
  }

  /** {@code count} images of {@code split} (all when it has no more), chosen by {@code random}. */
  static ImageSubset draw(DataSplit split, int count, SplittableRandom random) {
    int total = split.size();
    int n = Math.min(count, total);
    int[] chosen = pick(total, n, random);
    float[] features = null;
    int[] labels = new int[n];
    long[] shape = null;
    int per = 0;
    int next = 0;
    int start = 0;
    Iterator<Batch> batches = split.batches(512);
    while (next < n && batches.hasNext()) {
      try (Batch b = batches.next()) {
        if (features == null) {
          shape = Arrays.copyOfRange(b.features().shape(), 1, 4);
          per = Math.toIntExact(shape[0] * shape[1] * shape[2]);
          features = new float[n * per];
        }
        int end = start + b.size();
        if (chosen[next] < end) {
          float[] all = b.features().dup('c').data().asFloat();
          while (next < n && chosen[next] < end) {
            int row = chosen[next] - start;
            System.arraycopy(all, row * per, features, next * per, per);
            labels[next] = b.labels()[row];
            next++;
          }
        }
        start = end;
      }
    }
    if (next < n) {
      throw new IllegalStateException(
          "the split announced " + total + " images but gave only " + start);
    }
    return new ImageSubset(features, labels, shape);
  }

  /** n distinct indices in [0, total), ascending (a partial Fisher-Yates shuffle). */
  private static int[] pick(int total, int n, SplittableRandom random) {
    int[] all = new int[total];
    Arrays.setAll(all, i -> i);
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(total - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] chosen = Arrays.copyOf(all, n);
    Arrays.sort(chosen);
    return chosen;
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public Iterator<Batch> batches(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    int per = features.length / Math.max(1, labels.length);
    return new Iterator<>() {
      private int from;

      @Override
      public boolean hasNext() {
        return from < labels.length;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int to = Math.min(labels.length, from + batchSize);
        float[] part = Arrays.copyOfRange(features, from * per, to * per);
        long[] shape = {to - from, imageShape[0], imageShape[1], imageShape[2]};
        Batch b = new Batch(Nd4j.create(part, shape, 'c'), Arrays.copyOfRange(labels, from, to));
        from = to;
        return b;
      }
    };
  }

  @Override
  public Iterator<Batch> trainingBatches(int batchSize, SplittableRandom random) {
    return batches(batchSize); // calibration never trains
  }

  @Override
  public DataSplit head(int n) {
    int m = Math.min(n, labels.length);
    int per = features.length / Math.max(1, labels.length);
    return new ImageSubset(Arrays.copyOf(features, m * per), Arrays.copyOf(labels, m), imageShape);
  }
}
