package org.bsnn.api.contract;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link DataSplit} over images held in memory, for plugin tests that need no dataset plugin.
 * Each image is a flat float array in C order of shape [channels, height, width]. Batches are
 * created lazily (the caller closes each); {@link #batches} is in the given order, {@link
 * #trainingBatches} a seeded shuffle without augmentation.
 *
 * <p>{@link #imagesServed()} counts images handed out in batches by this split and by every split
 * made from it with {@link #head}, so a test can check how much data a plugin read.
 */
public final class InMemoryDataSplit implements DataSplit {

  private final float[][] images;
  private final int[] labels;
  private final long[] imageShape;
  private final AtomicLong served;

  /**
   * A split of the given images.
   *
   * @param images one flat image per sample, each of length channels*height*width
   * @param labels one class per sample
   * @param imageShape per-image shape [channels, height, width]
   */
  public InMemoryDataSplit(float[][] images, int[] labels, long[] imageShape) {
    this(copy(images), labels.clone(), imageShape.clone(), new AtomicLong());
  }

  private InMemoryDataSplit(float[][] images, int[] labels, long[] imageShape, AtomicLong served) {
    if (images.length != labels.length) {
      throw new IllegalArgumentException(
          images.length + " images but " + labels.length + " labels");
    }
    if (imageShape.length != 3) {
      throw new IllegalArgumentException("imageShape must be [channels, height, width]");
    }
    long size = imageShape[0] * imageShape[1] * imageShape[2];
    for (int i = 0; i < images.length; i++) {
      if (images[i].length != size) {
        throw new IllegalArgumentException(
            "image "
                + i
                + " has "
                + images[i].length
                + " values, shape "
                + Arrays.toString(imageShape)
                + " needs "
                + size);
      }
    }
    this.images = images;
    this.labels = labels;
    this.imageShape = imageShape;
    this.served = served;
  }

  /** Flat images of shape [1, 1, features] (for dense-only networks). */
  public static InMemoryDataSplit flat(float[][] images, int[] labels) {
    int features = images.length == 0 ? 1 : images[0].length;
    return new InMemoryDataSplit(images, labels, new long[] {1, 1, features});
  }

  /** Images of shape [channels, height, width]. */
  public static InMemoryDataSplit of(
      float[][] images, int[] labels, int channels, int height, int width) {
    return new InMemoryDataSplit(images, labels, new long[] {channels, height, width});
  }

  /** Per-image shape [channels, height, width]. */
  public long[] imageShape() {
    return imageShape.clone();
  }

  /** A copy of image {@code i}, flat. */
  public float[] image(int i) {
    return images[i].clone();
  }

  /** A copy of all images. */
  public float[][] images() {
    return copy(images);
  }

  /** A copy of the labels. */
  public int[] labels() {
    return labels.clone();
  }

  /** Images delivered in batches so far, by this split and by the splits made from it. */
  public long imagesServed() {
    return served.get();
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public Iterator<Batch> batches(int batchSize) {
    int[] order = new int[labels.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    return iterate(order, batchSize);
  }

  @Override
  public Iterator<Batch> trainingBatches(int batchSize, SplittableRandom random) {
    int[] order = new int[labels.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return iterate(order, batchSize);
  }

  @Override
  public InMemoryDataSplit head(int n) {
    int k = Math.max(0, Math.min(n, labels.length));
    return new InMemoryDataSplit(
        Arrays.copyOf(images, k), Arrays.copyOf(labels, k), imageShape, served);
  }

  private Iterator<Batch> iterate(int[] order, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    return new Iterator<>() {
      private int from;

      @Override
      public boolean hasNext() {
        return from < order.length;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int to = Math.min(order.length, from + batchSize);
        int n = to - from;
        int size = images.length == 0 ? 0 : images[0].length;
        float[] flat = new float[n * size];
        int[] batchLabels = new int[n];
        for (int i = 0; i < n; i++) {
          System.arraycopy(images[order[from + i]], 0, flat, i * size, size);
          batchLabels[i] = labels[order[from + i]];
        }
        from = to;
        served.addAndGet(n);
        return new Batch(
            Nd4j.create(flat, new long[] {n, imageShape[0], imageShape[1], imageShape[2]}, 'c'),
            batchLabels);
      }
    };
  }

  private static float[][] copy(float[][] images) {
    float[][] out = new float[images.length][];
    for (int i = 0; i < images.length; i++) {
      out[i] = images[i].clone();
    }
    return out;
  }
}
