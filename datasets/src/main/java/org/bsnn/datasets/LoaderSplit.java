package org.bsnn.datasets;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A split as a contiguous index range [from, to) of an {@link ImageLoader}. Batches are built on
 * demand, one at a time, so memory stays at one batch plus whatever the loader holds.
 *
 * <p>{@link #batches} goes through the range in file order with no augmentation. {@link
 * #trainingBatches} draws a Fisher–Yates permutation of the range from the given random, then
 * splits off one child generator ({@link SplittableRandom#split()}) for the augmentation of the
 * epoch; both happen when the iterator is created, so the caller's generator advances by a fixed
 * amount whatever the caller does with the iterator, and equal generator states give equal batches.
 * Each image of a batch gets its own generator split from the epoch's, in batch order, so loaders
 * that decode in parallel ({@link ImageLoader#parallel()}) stay deterministic.
 */
public final class LoaderSplit implements DataSplit {

  private final ImageLoader loader;
  private final int from;
  private final int to;

  /** The range [from, to) of {@code loader}. */
  public LoaderSplit(ImageLoader loader, int from, int to) {
    if (from < 0 || to < from || to > loader.size()) {
      throw new IllegalArgumentException(
          "split ["
              + from
              + ", "
              + to
              + ") outside the "
              + loader.size()
              + " images of the source");
    }
    this.loader = loader;
    this.from = from;
    this.to = to;
  }

  /** The whole loader. */
  public static LoaderSplit all(ImageLoader loader) {
    return new LoaderSplit(loader, 0, loader.size());
  }

  @Override
  public int size() {
    return to - from;
  }

  /** Class index of the {@code i}-th image of this split (file order). */
  public int label(int i) {
    return loader.label(from + i);
  }

  /** The loader this split reads. */
  public ImageLoader loader() {
    return loader;
  }

  @Override
  public Iterator<Batch> batches(int batchSize) {
    checkBatchSize(batchSize);
    int[] order = new int[size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = from + i;
    }
    return new BatchIterator(order, batchSize, null);
  }

  @Override
  public Iterator<Batch> trainingBatches(int batchSize, SplittableRandom random) {
    checkBatchSize(batchSize);
    java.util.Objects.requireNonNull(random, "random");
    int[] order = new int[size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = from + i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return new BatchIterator(order, batchSize, random.split());
  }

  @Override
  public DataSplit head(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("head(n) needs n >= 0, got " + n);
    }
    return new LoaderSplit(loader, from, from + Math.min(n, size()));
  }

  /** The sub-range [start, end) of this split, in split-relative indices. */
  public LoaderSplit range(int start, int end) {
    if (start < 0 || end < start || end > size()) {
      throw new IllegalArgumentException(
          "range [" + start + ", " + end + ") outside [0, " + size() + ")");
    }
    return new LoaderSplit(loader, from + start, from + end);
  }

  private static void checkBatchSize(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
  }

  private final class BatchIterator implements Iterator<Batch> {
    private final int[] order;
    private final int batchSize;
    private final SplittableRandom augment;
    private int next;

    BatchIterator(int[] order, int batchSize, SplittableRandom augment) {
      this.order = order;
      this.batchSize = batchSize;
      this.augment = augment;
    }

    @Override
    public boolean hasNext() {
      return next < order.length;
    }

    @Override
    public Batch next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int n = Math.min(batchSize, order.length - next);
      int len = loader.imageLength();
      float[] data = new float[n * len];
      int[] labels = new int[n];
      SplittableRandom[] perImage = new SplittableRandom[n];
      for (int i = 0; i < n; i++) {
        labels[i] = loader.label(order[next + i]);
        perImage[i] = augment == null ? null : augment.split();
      }
      int base = next;
      java.util.stream.IntStream range = java.util.stream.IntStream.range(0, n);
      (loader.parallel() ? range.parallel() : range)
          .forEach(
              i -> {
                if (perImage[i] == null) {
                  loader.load(order[base + i], data, i * len);
                } else {
                  loader.loadAugmented(order[base + i], data, i * len, perImage[i]);
                }
              });
      next += n;
      long[] shape = {n, loader.channels(), loader.height(), loader.width()};
      return new Batch(Nd4j.create(data, shape, 'c'), labels);
    }
  }
}
