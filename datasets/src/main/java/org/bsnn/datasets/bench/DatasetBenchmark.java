package org.bsnn.datasets.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.data.Dataset;
import org.bsnn.datasets.DataFiles;
import org.bsnn.datasets.idx.FashionMnistConfig;
import org.bsnn.datasets.idx.FashionMnistSource;
import org.bsnn.datasets.imagenet.ImageNetFolderConfig;
import org.bsnn.datasets.imagenet.ImageNetFolderSource;

/**
 * Load benchmark (not a test): Fashion-MNIST training-set throughput, and peak memory while
 * iterating a generated ImageNet-style folder (default 20,000 JPEGs), which must stay bounded by
 * the batch size (resident memory is sampled after every batch). Needs an ND4J backend on the class
 * path; run through {@code bsnn bench data-loading} or {@code java -cp ...
 * org.bsnn.datasets.bench.DatasetBenchmark [images] [batch]}.
 */
public final class DatasetBenchmark implements org.bsnn.api.bench.Benchmark {

  /** Created by the service loader. */
  public DatasetBenchmark() {}

  @Override
  public String id() {
    return "data-loading";
  }

  @Override
  public String description() {
    return "Fashion-MNIST training-set load throughput, and resident memory while iterating a generated "
        + "ImageNet-style folder; args: [images=20000] [batch=64].";
  }

  @Override
  public void run(java.util.List<String> args, java.io.PrintStream stream) throws IOException {
    int images;
    int batch;
    try {
      images = args.size() > 0 ? Integer.parseInt(args.get(0)) : 20_000;
      batch = args.size() > 1 ? Integer.parseInt(args.get(1)) : 64;
    } catch (NumberFormatException e) {
      throw new org.bsnn.api.util.UserFacingException(
          "data-loading takes [images] [batch] as integers, got " + args);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.putAll(fashionMnist(256));
    out.putAll(imageFolder(images, 160, 120, 128, 112, batch));
    out.forEach((k, v) -> stream.println(k + "=" + v));
  }

  /** Runs both parts and prints {@code key=value} lines. */
  public static void main(String[] args) throws IOException {
    new DatasetBenchmark().run(java.util.List.of(args), System.out);
  }

  /** Opens Fashion-MNIST (fetching if needed) and times full passes over the training split. */
  public static Map<String, Object> fashionMnist(int batchSize) {
    Map<String, Object> r = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    Dataset d = new FashionMnistSource(FashionMnistConfig.defaults()).open(null);
    r.put("fashion.open_s", seconds(t0));
    DataSplit train = d.train();
    drain(train.head(4 * batchSize).batches(batchSize), null); // loads the ND4J backend, warms up
    t0 = System.nanoTime();
    long n = drain(train.batches(batchSize), null);
    double s = seconds(t0);
    r.put("fashion.train_images", n);
    r.put("fashion.eval_order.images_per_s", round(n / s));
    t0 = System.nanoTime();
    n = drain(train.trainingBatches(batchSize, new SplittableRandom(0)), null);
    r.put("fashion.shuffled.images_per_s", round(n / seconds(t0)));
    return r;
  }

  /**
   * Writes {@code count} JPEGs of w × h into a temporary folder of 10 classes, iterates the
   * training split once unaugmented and once augmented, and reports peak memory.
   */
  public static Map<String, Object> imageFolder(
      int count, int w, int h, int resize, int crop, int batchSize) throws IOException {
    Map<String, Object> r = new LinkedHashMap<>();
    Path root = Files.createTempDirectory("bsnn-bench-imagenet-");
    try {
      long t0 = System.nanoTime();
      generate(root.resolve("train"), count, w, h, 1);
      generate(root.resolve("val"), 100, w, h, 2);
      r.put("folder.images", count);
      r.put("folder.generate_s", seconds(t0));
      ImageNetFolderConfig c =
          new ImageNetFolderConfig(
              root.toString(),
              "train",
              "val",
              resize,
              crop,
              0.08,
              1.0,
              0.75,
              4.0 / 3,
              true,
              List.of(),
              List.of(),
              0,
              0,
              0);
      System.gc();
      resetPeaks();
      long rssBefore = rssKb("VmRSS");
      t0 = System.nanoTime();
      Dataset d = new ImageNetFolderSource(c).open(null);
      r.put("folder.open_s", seconds(t0));
      long[] peaks = new long[2];
      t0 = System.nanoTime();
      long n = drain(d.train().batches(batchSize), peaks);
      r.put("folder.eval.images_per_s", round(n / seconds(t0)));
      t0 = System.nanoTime();
      peaks[1] = rssKb("VmRSS");
      n = drain(d.train().trainingBatches(batchSize, new SplittableRandom(0)), peaks);
      r.put("folder.train.images_per_s", round(n / seconds(t0)));
      r.put("folder.batch", batchSize + " x 3 x " + crop + " x " + crop);
      r.put("folder.batch_MB", round(batchSize * 3.0 * crop * crop * 4 / 1e6));
      r.put("folder.rss_before_MB", rssBefore / 1024);
      r.put("folder.peak_rss_MB", peaks[0] / 1024);
      r.put("folder.rss_after_first_pass_MB", peaks[1] / 1024);
      r.put("folder.peak_heap_MB", peakHeap() / (1 << 20));
      r.put("folder.heap_max_MB", Runtime.getRuntime().maxMemory() / (1 << 20));
    } finally {
      DataFiles.deleteQuietly(root);
    }
    return r;
  }

  /** Iterates, closing every batch; samples the process's resident memory (kB) into rssPeak[0]. */
  private static long drain(Iterator<Batch> it, long[] rssPeak) {
    long n = 0;
    while (it.hasNext()) {
      try (Batch b = it.next()) {
        n += b.size();
        if (rssPeak != null) {
          rssPeak[0] = Math.max(rssPeak[0], rssKb("VmRSS"));
        }
      }
    }
    return n;
  }

  private static void generate(Path dir, int count, int w, int h, long seed) {
    IntStream.range(0, count)
        .parallel()
        .forEach(
            i -> {
              SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
              BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
              Graphics2D g = img.createGraphics();
              g.setColor(new Color(r.nextInt(1 << 24)));
              g.fillRect(0, 0, w, h);
              for (int k = 0; k < 6; k++) {
                g.setColor(new Color(r.nextInt(1 << 24)));
                g.fillOval(
                    r.nextInt(w), r.nextInt(h), 10 + r.nextInt(w / 2), 10 + r.nextInt(h / 2));
              }
              g.dispose();
              Path f =
                  dir.resolve("class" + (i % 10))
                      .resolve(String.format(Locale.ROOT, "img%06d.jpg", i));
              try {
                Files.createDirectories(f.getParent());
                ImageIO.write(img, "jpg", f.toFile());
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static long rssKb(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux
    }
    return -1;
  }

  private static double seconds(long start) {
    return round((System.nanoTime() - start) / 1e9);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
