package org.bsnn.plugins.training;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.bsnn.api.bench.Benchmark;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.config.ConfigEntry;
import org.bsnn.api.config.SourceLocation;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.run.RunLog;
import org.bsnn.api.run.Seeds;
import org.bsnn.api.stage.Architecture;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code bsnn bench training [key=value ...]}: training images per second of one model and batch,
 * as the gradient trainer runs a step (SameDiff forward + backward, then the optimizer), on random
 * images and labels. Each timed run is {@code steps} steps; after a warm-up of at least {@code
 * warmupSeconds} it is repeated {@code repeats} times and the median and best are printed, with the
 * load average and the peak resident memory. The model comes from the {@code model} plugins
 * (default: the quick experiments' {@code vgg-small c16-c16p-c32-c32p-fc128-fc10}), the optimizer
 * is Adam with the trainer's defaults; compare with {@code tools/pytorch-bench/run.sh}.
 */
public final class TrainingBenchmark implements Benchmark {

  /** Created by the service loader. */
  public TrainingBenchmark() {}

  @Override
  public String id() {
    return "training";
  }

  @Override
  public String description() {
    return "training images/s of one model and batch (SameDiff step + Adam, random data); args key=value: "
        + "model=vgg-small layers=c16-c16p-c32-c32p-fc128-fc10 (the model plugin's 'layers' key; empty: its default) "
        + "shape=1x28x28 classes=10 batch=64 steps=20 (per timed run) repeats=5 warmupSeconds=10.";
  }

  @Override
  public void run(List<String> args, PrintStream out) throws Exception {
    Map<String, String> a = parse(args);
    String model = a.getOrDefault("model", "vgg-small");
    String layers = a.getOrDefault("layers", "c16-c16p-c32-c32p-fc128-fc10");
    int[] shape =
        Arrays.stream(a.getOrDefault("shape", "1x28x28").split("x"))
            .mapToInt(Integer::parseInt)
            .toArray();
    int classes = Integer.parseInt(a.getOrDefault("classes", "10"));
    int batch = Integer.parseInt(a.getOrDefault("batch", "64"));
    int steps = Integer.parseInt(a.getOrDefault("steps", "20"));
    int repeats = Integer.parseInt(a.getOrDefault("repeats", "5"));
    double warmupSeconds = Double.parseDouble(a.getOrDefault("warmupSeconds", "10"));
    if (shape.length != 3 || batch < 1 || steps < 1 || repeats < 1 || classes < 2) {
      throw new UserFacingException(
          "training: shape must be CxHxW and batch, steps, repeats >= 1, classes >= 2; got shape="
              + a.getOrDefault("shape", "1x28x28")
              + " batch="
              + batch
              + " steps="
              + steps
              + " repeats="
              + repeats
              + " classes="
              + classes);
    }
    Network net = build(model, layers, shape, classes);
    SameDiffNetwork sd = SameDiffNetwork.of(net);
    SplittableRandom random = new SplittableRandom(2);
    Nd4j.getRandom().setSeed(2);
    INDArray x = Nd4j.rand(DataType.FLOAT, batch, shape[0], shape[1], shape[2]);
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = random.nextInt(classes);
    }
    INDArray y = GradientTrainer.oneHot(labels, classes);
    GradientOptimizer optimizer = GradientOptimizer.of(new AdamProvider().defaults().plan());
    Runnable run =
        () -> {
          for (int s = 0; s < steps; s++) {
            SameDiffNetwork.Step step = sd.step(x, y);
            optimizer.step(sd.params(), step.gradients(), 1e-3, 0);
            // freed as the trainer frees them, so that memory behaves as in a training run
            step.logits().close();
            step.gradients().values().forEach(INDArray::close);
          }
        };
    String p = model + ".";
    out.println(p + "layers=" + (layers.isEmpty() ? "(default)" : layers));
    out.println(p + "batch=" + batch);
    out.println(p + "steps_per_run=" + steps);
    out.println(
        "omp_num_threads="
            + java.util.Objects.requireNonNullElse(System.getenv("OMP_NUM_THREADS"), "unset"));
    out.println("load_average_before=" + loadAverage());
    long w0 = System.nanoTime();
    int warm = 0;
    while (warm == 0 || (System.nanoTime() - w0) / 1e9 < warmupSeconds) {
      run.run();
      warm++;
    }
    double[] seconds = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      run.run();
      seconds[r] = (System.nanoTime() - t0) / 1e9;
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    double median =
        repeats % 2 == 1
            ? sorted[repeats / 2]
            : (sorted[repeats / 2 - 1] + sorted[repeats / 2]) / 2;
    double images = (double) batch * steps;
    out.println(p + "warmup_runs=" + warm);
    out.println(p + "runs=" + repeats);
    StringBuilder list = new StringBuilder();
    for (double s : seconds) {
      list.append(list.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", s));
    }
    out.println(p + "seconds=" + list);
    out.println(String.format(Locale.ROOT, "%sseconds_median=%.3f", p, median));
    out.println(String.format(Locale.ROOT, "%sseconds_min=%.3f", p, sorted[0]));
    out.println(String.format(Locale.ROOT, "%simages_per_s_median=%.1f", p, images / median));
    out.println(String.format(Locale.ROOT, "%simages_per_s_best=%.1f", p, images / sorted[0]));
    out.println("load_average_after=" + loadAverage());
    out.println("peak_rss_mib=" + peakRssMib());
  }

  /** The model plugin's network, with {@code layers} bound over its defaults when given. */
  private static Network build(String model, String layers, int[] shape, int classes) {
    PluginProvider<?, ?> provider = PluginRegistry.discover().get(StageKind.MODEL, model);
    Map<String, ConfigEntry> entries = new LinkedHashMap<>();
    if (!layers.isEmpty()) {
      entries.put(
          "layers", new ConfigEntry(layers, SourceLocation.commandLine("layers=" + layers)));
    }
    Record config = bind(provider, entries);
    Architecture architecture = (Architecture) PluginRegistry.create(provider, config);
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < classes; i++) {
      names.add("class" + i);
    }
    DatasetInfo data =
        new DatasetInfo("random", shape[0], shape[1], shape[2], names, Map.of(), Map.of());
    return architecture.build(data, new QuietContext());
  }

  @SuppressWarnings("unchecked")
  private static <C extends Record> Record bind(
      PluginProvider<?, C> provider, Map<String, ConfigEntry> entries) {
    return ConfigBinder.bind(
        "model plugin '" + provider.id() + "'",
        provider.configType(),
        provider.defaults(),
        entries);
  }

  private static Map<String, String> parse(List<String> args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new UserFacingException("training takes key=value arguments, got '" + arg + "'");
      }
      m.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return m;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + "," + f[1] + "," + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** VmHWM of this process in MiB, or -1 where /proc is missing. */
  private static long peakRssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  /** A run context for the weight initialisation only: one seed, nothing logged or written. */
  private static final class QuietContext implements RunContext {
    private Path dir;

    @Override
    public long seed() {
      return 0;
    }

    @Override
    public SplittableRandom random(String purpose) {
      return new SplittableRandom(Seeds.derive(0, "bench", purpose));
    }

    @Override
    public Path workDir() {
      return temp();
    }

    @Override
    public Path cacheDir() {
      return temp();
    }

    private synchronized Path temp() {
      if (dir == null) {
        try {
          dir = Files.createTempDirectory("bsnn-bench-");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        dir.toFile().deleteOnExit();
      }
      return dir;
    }

    @Override
    public RunLog log() {
      return new RunLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {
          System.err.println("warning: " + message);
        }
      };
    }

    @Override
    public Progress progress(String task, long total) {
      return Progress.silent();
    }

    @Override
    public void provenance(String key, Object value) {}

    @Override
    public void emit(Measurement measurement) {}

    @Override
    public String upstreamHash() {
      return "bench-0";
    }
  }
}
