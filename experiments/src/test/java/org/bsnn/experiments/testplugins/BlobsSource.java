package org.bsnn.experiments.testplugins;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.data.DataStatus;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.DatasetSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dataset plugin that lives only in this test module: 1x4x4 images, class k lights pixel k plus
 * noise. It proves that a plugin added outside the plugin modules is discovered and run.
 */
public final class BlobsSource implements DatasetSource {

  private final BlobsConfig config;

  /** A source with the given sizes. */
  public BlobsSource(BlobsConfig config) {
    this.config = config;
  }

  @Override
  public Dataset open(RunContext context) {
    DatasetInfo info =
        new DatasetInfo(
            "test-blobs",
            1,
            4,
            4,
            java.util.stream.IntStream.range(0, config.classes()).mapToObj(i -> "c" + i).toList(),
            Map.of("generated", "seed-1"),
            Map.of("kind", "generated"));
    DataSplit train = split(1L);
    DataSplit test = split(2L);
    return new Dataset() {
      @Override
      public DatasetInfo info() {
        return info;
      }

      @Override
      public DataSplit train() {
        return train;
      }

      @Override
      public DataSplit test() {
        return test;
      }
    };
  }

  private DataSplit split(long seed) {
    int n = config.perClass() * config.classes();
    float[][] images = new float[n][16];
    int[] labels = new int[n];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      labels[i] = i % config.classes();
      for (int p = 0; p < 16; p++) {
        images[i][p] = (float) (random.nextDouble() * 0.2);
      }
      images[i][labels[i] % 16] += 1f;
    }
    return new ArraySplit(images, labels);
  }

  @Override
  public DataStatus status() {
    return new DataStatus("test-blobs", List.of(), "");
  }

  /** An in-memory split. */
  private record ArraySplit(float[][] images, int[] labels) implements DataSplit {
    @Override
    public int size() {
      return labels.length;
    }

    @Override
    public Iterator<Batch> batches(int batchSize) {
      List<Batch> out = new ArrayList<>();
      for (int from = 0; from < labels.length; from += batchSize) {
        int to = Math.min(labels.length, from + batchSize);
        float[][] chunk = java.util.Arrays.copyOfRange(images, from, to);
        out.add(
            new Batch(
                Nd4j.create(chunk).reshape(to - from, 1, 4, 4),
                java.util.Arrays.copyOfRange(labels, from, to)));
      }
      return out.iterator();
    }

    @Override
    public Iterator<Batch> trainingBatches(int batchSize, SplittableRandom random) {
      return batches(batchSize);
    }

    @Override
    public DataSplit head(int n) {
      int k = Math.min(n, labels.length);
      return new ArraySplit(java.util.Arrays.copyOf(images, k), java.util.Arrays.copyOf(labels, k));
    }
  }
}
