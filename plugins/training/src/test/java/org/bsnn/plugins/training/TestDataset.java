package org.bsnn.plugins.training;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.bsnn.api.contract.InMemoryDataset;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small in-memory dataset: each class is a fixed random pattern plus Gaussian noise, so a tiny
 * conv net learns it in an epoch or two. Failure injection for resume and divergence tests: the
 * training split can throw, or yield NaN images, from its n-th epoch on.
 */
final class TestDataset implements Dataset {

  private final DatasetInfo info;
  private final ArraySplit train;
  private final ArraySplit test;
  private final Optional<DataSplit> validation;

  /** A dataset of {@code n} training and {@code n / 2} test images of shape c x h x w. */
  TestDataset(int n, int c, int h, int w, int classes, long seed) {
    this(n, c, h, w, classes, seed, 0, 0, false);
  }

  /**
   * A dataset with failure injection.
   *
   * @param failFromEpoch the training split throws when iterated for this 1-based epoch; 0 = never
   * @param nanFromEpoch the training split yields NaN images from this epoch on; 0 = never
   * @param withValidation whether a validation split (the test images) is offered
   */
  TestDataset(
      int n,
      int c,
      int h,
      int w,
      int classes,
      long seed,
      int failFromEpoch,
      int nanFromEpoch,
      boolean withValidation) {
    this.info =
        new DatasetInfo(
            "test-data", c, h, w, InMemoryDataset.classNames(classes), Map.of(), Map.of());
    Random r = new Random(seed);
    int size = c * h * w;
    float[][] patterns = new float[classes][size];
    for (float[] p : patterns) {
      for (int i = 0; i < size; i++) {
        p[i] = (float) r.nextGaussian();
      }
    }
    this.train =
        new ArraySplit(images(n, patterns, r), shape(c, h, w), failFromEpoch, nanFromEpoch);
    this.test = new ArraySplit(images(Math.max(1, n / 2), patterns, r), shape(c, h, w), 0, 0);
    this.validation = withValidation ? Optional.of(test) : Optional.empty();
  }

  private static long[] shape(int c, int h, int w) {
    return new long[] {c, h, w};
  }

  private static List<Sample> images(int n, float[][] patterns, Random r) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = i % patterns.length;
      float[] x = patterns[label].clone();
      for (int j = 0; j < x.length; j++) {
        x[j] += (float) (0.8 * r.nextGaussian());
      }
      out.add(new Sample(x, label));
    }
    return out;
  }

  record Sample(float[] pixels, int label) {}

  @Override
  public DatasetInfo info() {
    return info;
  }

  @Override
  public DataSplit train() {
    return train;
  }

  @Override
  public Optional<DataSplit> validation() {
    return validation;
  }

  @Override
  public DataSplit test() {
    return test;
  }

  /** Images in memory, batched in order or shuffled. */
  static final class ArraySplit implements DataSplit {
    private final List<Sample> samples;
    private final long[] shape;
    private final int failFromEpoch;
    private final int nanFromEpoch;
    private int epochs;

    ArraySplit(List<Sample> samples, long[] shape, int failFromEpoch, int nanFromEpoch) {
      this.samples = List.copyOf(samples);
      this.shape = shape;
      this.failFromEpoch = failFromEpoch;
      this.nanFromEpoch = nanFromEpoch;
    }

    @Override
    public int size() {
      return samples.size();
    }

    @Override
    public Iterator<Batch> batches(int batchSize) {
      return iterate(samples, batchSize, false);
    }

    @Override
    public Iterator<Batch> trainingBatches(int batchSize, SplittableRandom random) {
      epochs++;
      if (failFromEpoch > 0 && epochs >= failFromEpoch) {
        throw new IllegalStateException("simulated kill at epoch " + epochs);
      }
      List<Sample> order = new ArrayList<>(samples);
      for (int i = order.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Sample t = order.get(i);
        order.set(i, order.get(j));
        order.set(j, t);
      }
      return iterate(order, batchSize, nanFromEpoch > 0 && epochs >= nanFromEpoch);
    }

    private Iterator<Batch> iterate(List<Sample> order, int batchSize, boolean nan) {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < order.size();
        }

        @Override
        public Batch next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          int n = Math.min(batchSize, order.size() - next);
          int size = (int) (shape[0] * shape[1] * shape[2]);
          float[] flat = new float[n * size];
          int[] labels = new int[n];
          for (int i = 0; i < n; i++) {
            Sample s = order.get(next + i);
            System.arraycopy(s.pixels(), 0, flat, i * size, size);
            labels[i] = s.label();
          }
          if (nan) {
            flat[0] = Float.NaN;
          }
          next += n;
          return new Batch(
              Nd4j.create(flat, new long[] {n, shape[0], shape[1], shape[2]}, 'c'), labels);
        }
      };
    }

    @Override
    public DataSplit head(int n) {
      return new ArraySplit(
          samples.subList(0, Math.min(n, samples.size())), shape, failFromEpoch, nanFromEpoch);
    }
  }
}
