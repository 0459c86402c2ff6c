package org.bsnn.plugins.simulation.bench;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.nd4j.linalg.factory.Nd4j;

/** Images held in memory (flat, C order [channels, height, width]), in a fixed order. */
final class ArraySplit implements DataSplit {

  private final float[][] images;
  private final int[] labels;
  private final long[] shape;

  ArraySplit(float[][] images, int[] labels, long[] shape) {
    this.images = images;
    this.labels = labels;
    this.shape = shape.clone();
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public Iterator<Batch> batches(int batchSize) {
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
        int n = to - from;
        int size = images[0].length;
        float[] flat = new float[n * size];
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
          System.arraycopy(images[from + i], 0, flat, i * size, size);
          l[i] = labels[from + i];
        }
        from = to;
        return new Batch(Nd4j.create(flat, new long[] {n, shape[0], shape[1], shape[2]}, 'c'), l);
      }
    };
  }

  @Override
  public Iterator<Batch> trainingBatches(int batchSize, SplittableRandom random) {
    return batches(batchSize);
  }

  @Override
  public DataSplit head(int n) {
    int k = Math.max(0, Math.min(n, labels.length));
    return new ArraySplit(
        java.util.Arrays.copyOf(images, k), java.util.Arrays.copyOf(labels, k), shape);
  }
}
