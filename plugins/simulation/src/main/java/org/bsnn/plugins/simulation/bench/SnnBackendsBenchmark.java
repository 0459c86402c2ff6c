package org.bsnn.plugins.simulation.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.bsnn.api.bench.Benchmark;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.Simulator;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.plugins.simulation.BitpackedConfig;
import org.bsnn.plugins.simulation.BitpackedSimulator;
import org.bsnn.plugins.simulation.EventDrivenConfig;
import org.bsnn.plugins.simulation.EventDrivenSimulator;
import org.bsnn.plugins.simulation.TimeSteppedConfig;
import org.bsnn.plugins.simulation.TimeSteppedSimulator;
import org.bsnn.plugins.simulation.engine.KernelChoice;
import org.bsnn.plugins.simulation.engine.KernelEngine;
import org.bsnn.plugins.simulation.engine.PopcountCalibration;

/**
 * {@code bsnn bench snn-backends [key=value ...]}: runs the {@code time-stepped} reference and the
 * fast backends on the same network, images and T in one process and prints img·timesteps/s, the
 * ratio to the reference, whether the traces are identical, the spike rate of every layer, the load
 * average and the peak resident memory.
 *
 * <p>Networks (built by {@link BenchNetworks}, random weights, threshold-balanced on the images):
 * {@code vgg15ab} (binary, 3x32x32, 100 classes), {@code vgg-small} (binary, 1x28x28, 10 classes),
 * {@code vgg-small-fp} and {@code mlp-fp} (full precision 784-1024-1024-10, max-activation
 * balancing as in the quick experiment). Images are Fashion-MNIST test images when {@code
 * datasets/cache/fashion-mnist} exists (padded to 32x32 and repeated over 3 channels for vgg15ab),
 * else random.
 */
public final class SnnBackendsBenchmark implements Benchmark {

  /** Created by the service loader. */
  public SnnBackendsBenchmark() {}

  @Override
  public String id() {
    return "snn-backends";
  }

  @Override
  public String description() {
    return "time-stepped vs bitpacked vs event-driven on one network, images and T: img*timesteps/s, ratios, identical traces; "
        + "args key=value: networks=vgg15ab,vgg-small,vgg-small-fp,mlp-fp images= timesteps= batch= threads= backends= "
        + "workers=1,2 (each fast backend runs with each count; threads=N: only N) repeats=5 (timed runs after the warm-up; median and best printed) calibrationSeconds=2 (popcount calibration for the machine-limit estimate) "
        + "kernel=auto|popcount|scatter denseAbove=0.3 percentile= exact=true (power-of-two alphas) weightQuantum=0 (e.g. 0.0009765625 = 2^-10 makes FP sums exact) propagation=pipelined warmup=true warmupImages=min(batch,8) warmupSteps=min(T,24) warmupSeconds=10 (each backend repeats a short warm-up run for this long, at least 3 times and until its time settles; 0: once) verbose=false.";
  }

  /** Runs from the command line with the same arguments. */
  public static void main(String[] args) throws Exception {
    new SnnBackendsBenchmark().run(List.of(args), System.out);
  }

  @Override
  public void run(List<String> args, PrintStream out) throws Exception {
    Map<String, String> a = parse(args);
    List<String> networks = List.of(a.getOrDefault("networks", "vgg-small,vgg15ab").split(","));
    List<String> backends =
        List.of(a.getOrDefault("backends", "time-stepped,bitpacked,event-driven").split(","));
    int threads = Integer.parseInt(a.getOrDefault("threads", "0"));
    // fast backends run with each of these worker counts; threads= picks one
    List<Integer> workers =
        threads > 0
            ? List.of(threads)
            : Arrays.stream(a.getOrDefault("workers", "1,2").split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
    int repeats = Integer.parseInt(a.getOrDefault("repeats", "5"));
    double calibrationSeconds = Double.parseDouble(a.getOrDefault("calibrationSeconds", "2"));
    if (repeats < 1 || workers.stream().anyMatch(w -> w < 1)) {
      throw new UserFacingException(
          "snn-backends: repeats and workers must be at least 1, got repeats="
              + repeats
              + " workers="
              + workers);
    }
    Map<Integer, Double> limits = new java.util.HashMap<>();
    KernelChoice kernel =
        KernelChoice.valueOf(a.getOrDefault("kernel", "auto").toUpperCase(Locale.ROOT));
    double denseAbove = Double.parseDouble(a.getOrDefault("denseAbove", "0.3"));
    boolean exact = Boolean.parseBoolean(a.getOrDefault("exact", "true"));
    boolean warmup = Boolean.parseBoolean(a.getOrDefault("warmup", "true"));
    double warmupSeconds = Double.parseDouble(a.getOrDefault("warmupSeconds", "10"));
    Propagation propagation =
        Propagation.valueOf(
            a.getOrDefault("propagation", "pipelined").toUpperCase(Locale.ROOT).replace('-', '_'));
    Path repo = FashionMnistFile.findRepo();
    out.println("cpus=" + Runtime.getRuntime().availableProcessors());
    out.println(
        "omp_num_threads=" + Objects.requireNonNullElse(System.getenv("OMP_NUM_THREADS"), "unset"));
    out.println("workers=" + workers);
    out.println("repeats=" + repeats);
    out.println("vector_api=" + KernelEngine.vectorApi());
    out.println("vector_popcount=" + KernelEngine.vectorPopcount());
    out.println("images_source=" + (repo != null ? "fashion-mnist test set" : "random"));
    for (String network : networks) {
      boolean small = !network.equals("vgg15ab");
      int images = Integer.parseInt(a.getOrDefault("images", small ? "128" : "16"));
      int steps = Integer.parseInt(a.getOrDefault("timesteps", small ? "50" : "20"));
      int batch = Integer.parseInt(a.getOrDefault("batch", small ? "64" : "16"));
      double percentile =
          Double.parseDouble(
              a.getOrDefault("percentile", network.endsWith("-fp") ? "100" : "99.9"));
      Data data = data(network, images, repo);
      float[][] calibration = Arrays.copyOf(data.images, Math.min(32, data.images.length));
      double quantum = Double.parseDouble(a.getOrDefault("weightQuantum", "0"));
      BenchNetworks.Options options =
          new BenchNetworks.Options(
              !network.endsWith("-fp"), exact, percentile, propagation, 7, quantum);
      SpikingNetwork snn =
          switch (network) {
            case "vgg15ab" ->
                BenchNetworks.vgg(
                    "vgg15ab", BenchNetworks.VGG15AB, data.shape, calibration, options);
            case "vgg-small", "vgg-small-fp" ->
                BenchNetworks.vgg(
                    network, BenchNetworks.VGG_SMALL, data.shape, calibration, options);
            case "mlp-fp" ->
                BenchNetworks.mlp(
                    network, data.shape, new int[] {1024, 1024, 10}, calibration, options);
            default ->
                throw new UserFacingException(
                    "snn-backends: unknown network '"
                        + network
                        + "'; known: vgg15ab, vgg-small, vgg-small-fp, mlp-fp");
          };
      String p = network + ".";
      out.println(p + "images=" + images);
      out.println(p + "timesteps=" + steps);
      out.println(p + "batch=" + batch);
      out.println(p + "percentile=" + percentile);
      out.println(p + "load_average_before=" + loadAverage());
      for (String backend : backends) {
        KernelEngine engine =
            backend.equals("bitpacked")
                ? KernelEngine.bitpacked(steps, batch, 0, threads, kernel)
                : backend.equals("event-driven")
                    ? KernelEngine.eventDriven(steps, batch, 0, threads, denseAbove)
                    : null;
        if (engine != null) {
          long t0 = System.nanoTime();
          List<String> kernels =
              engine.describe(snn); // compiles (packs the weights); simulate reuses it
          out.println(
              String.format(
                  Locale.ROOT,
                  "%s%s.compile_seconds=%.3f",
                  p,
                  backend,
                  (System.nanoTime() - t0) / 1e9));
          if (Boolean.parseBoolean(a.getOrDefault("verbose", "false"))) {
            kernels.forEach(line -> out.println(p + backend + ".kernel=" + line));
          }
        }
      }
      SimulationTrace reference = null;
      double referenceRate = 0;
      int warmImages =
          Integer.parseInt(a.getOrDefault("warmupImages", String.valueOf(Math.min(batch, 8))));
      int warmSteps =
          Integer.parseInt(a.getOrDefault("warmupSteps", String.valueOf(Math.min(steps, 24))));
      long synapses = KernelEngine.bitpacked(steps, batch, 0, 1, kernel).binarySynapses(snn);
      out.println(p + "binary_synapses_per_img_timestep=" + synapses);
      for (String backend : backends) {
        boolean fast = !backend.equals("time-stepped");
        for (int w : fast ? workers : List.of(1)) {
          String label = fast ? backend + ".workers" + w : backend;
          if (warmup) {
            warmUp(
                backend,
                snn,
                data.split.head(Math.min(images, warmImages)),
                warmSteps,
                Math.min(batch, warmImages),
                w,
                kernel,
                denseAbove,
                warmupSeconds,
                p + label,
                out);
          }
          double[] seconds = new double[repeats];
          double[] cpuSeconds = new double[repeats];
          String identical = "true";
          SimulationTrace trace = null;
          SimulationTrace first = null;
          for (int r = 0; r < repeats; r++) {
            Simulator sim = simulator(backend, steps, batch, w, kernel, denseAbove);
            System.gc();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            trace = sim.simulate(snn, data.split, List.of(), new BenchContext(1));
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            cpuSeconds[r] = (processCpuNanos() - cpu0) / 1e9;
            first = first == null ? trace : first;
            // the first backend's first run is the reference of all others
            String d = difference(reference != null ? reference : first, trace);
            if (!d.equals("true") && identical.equals("true")) {
              identical = d + (reference == null ? " between repeats" : "");
            }
          }
          double median = median(seconds);
          double best = Arrays.stream(seconds).min().orElseThrow();
          double work = images * (double) steps;
          double rate = work / median;
          String q = p + label + ".";
          out.println(q + "runs=" + repeats);
          out.println(q + "seconds=" + join(seconds));
          out.println(String.format(Locale.ROOT, "%sseconds_median=%.3f", q, median));
          out.println(String.format(Locale.ROOT, "%sseconds_min=%.3f", q, best));
          out.println(
              String.format(Locale.ROOT, "%scpu_seconds_median=%.3f", q, median(cpuSeconds)));
          out.println(String.format(Locale.ROOT, "%simg_timesteps_per_s_median=%.1f", q, rate));
          out.println(
              String.format(Locale.ROOT, "%simg_timesteps_per_s_best=%.1f", q, work / best));
          out.println(
              String.format(
                  Locale.ROOT,
                  "%simg_timesteps_per_cpu_s_median=%.1f",
                  q,
                  work / median(cpuSeconds)));
          out.println(
              String.format(Locale.ROOT, "%sfinal_accuracy=%.4f", q, trace.finalAccuracy()));
          if (reference == null) {
            reference = trace;
            referenceRate = rate;
            for (Map.Entry<String, long[]> e : trace.spikesByNode().entrySet()) {
              long total = Arrays.stream(e.getValue()).sum();
              long neurons = trace.neuronsByNode().getOrDefault(e.getKey(), 0L);
              out.println(
                  String.format(
                      Locale.ROOT,
                      "%sspike_rate.%s=%.4f",
                      p,
                      e.getKey(),
                      total / Math.max(1.0, (double) neurons * images * steps)));
            }
            if (!identical.equals("true")) {
              out.println(q + "identical_between_repeats=" + identical);
            }
          } else {
            out.println(
                String.format(
                    Locale.ROOT,
                    "%sratio_to_%s_median=%.2f",
                    q,
                    backends.get(0),
                    rate / referenceRate));
            out.println(q + "identical_trace=" + identical);
            if (!identical.equals("true")) {
              out.println(q + "closeness=" + closeness(reference, trace));
            }
          }
          if (fast && synapses > 0) {
            double perSecond = popcountRate(limits, w, calibrationSeconds, p, out);
            double limit = perSecond / synapses;
            out.println(
                String.format(Locale.ROOT, "%smachine_limit_img_timesteps_per_s=%.1f", q, limit));
            out.println(
                String.format(
                    Locale.ROOT, "%sfraction_of_machine_limit_median=%.3f", q, rate / limit));
          }
        }
      }
      out.println(p + "load_average_after=" + loadAverage());
    }
    out.println("peak_rss_mib=" + peakRssMib());
  }

  /**
   * JIT warm-up of one backend, right before its timed run (warming all backends first let the
   * later ones' code change the shared methods' profiles and cost bitpacked about a quarter of its
   * speed): its hot loops need a few seconds of C2 compilation before they run at full speed
   * (before that the Vector API code is many times slower), so a short run is repeated for at least
   * warmupSeconds and 3 runs, and until a run is no longer 5% faster than the fastest before it (at
   * most 60 s; warmupSeconds=0: once).
   */
  private static void warmUp(
      String backend,
      SpikingNetwork snn,
      DataSplit few,
      int warmSteps,
      int warmBatch,
      int threads,
      KernelChoice kernel,
      double denseAbove,
      double warmupSeconds,
      String label,
      PrintStream out) {
    long w0 = System.nanoTime();
    int runs = 0;
    double previous = Double.POSITIVE_INFINITY;
    double last = Double.POSITIVE_INFINITY;
    StringBuilder times = new StringBuilder();
    while (runs == 0
        || warmupSeconds > 0
            && runs < 100
            && (System.nanoTime() - w0) / 1e9 < 60
            && (runs < 3
                || last < 0.95 * previous
                || (System.nanoTime() - w0) / 1e9 < warmupSeconds)) {
      long r0 = System.nanoTime();
      simulator(backend, warmSteps, warmBatch, threads, kernel, denseAbove)
          .simulate(snn, few, List.of(), new BenchContext(1));
      previous = Math.min(previous, last);
      last = (System.nanoTime() - r0) / 1e9;
      times.append(times.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", last));
      runs++;
    }
    out.println(String.format(Locale.ROOT, "%s.warmup_runs=%d", label, runs));
    out.println(String.format(Locale.ROOT, "%s.warmup_seconds=%s", label, times));
  }

  private static Simulator simulator(
      String backend, int steps, int batch, int threads, KernelChoice kernel, double denseAbove) {
    return switch (backend) {
      case "time-stepped" -> new TimeSteppedSimulator(new TimeSteppedConfig(steps, batch, 0));
      case "bitpacked" ->
          new BitpackedSimulator(new BitpackedConfig(steps, batch, 0, threads, kernel));
      case "event-driven" ->
          new EventDrivenSimulator(new EventDrivenConfig(steps, batch, 0, threads, denseAbove));
      default ->
          throw new UserFacingException(
              "snn-backends: unknown backend '"
                  + backend
                  + "'; known: time-stepped, bitpacked, event-driven");
    };
  }

  /**
   * Binary synapses per second on {@code workers} threads (measured once per count and printed),
   * see {@link PopcountCalibration}.
   */
  private static double popcountRate(
      Map<Integer, Double> limits, int workers, double seconds, String p, PrintStream out)
      throws InterruptedException {
    Double known = limits.get(workers);
    if (known != null) {
      return known;
    }
    double rate = PopcountCalibration.synapsesPerSecond(workers, seconds);
    limits.put(workers, rate);
    out.println(
        String.format(Locale.ROOT, "popcount_synapses_per_s.workers%d=%.4g", workers, rate));
    return rate;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static String join(double[] values) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(b.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", v));
    }
    return b.toString();
  }

  /** "true", or what differs first. */
  static String difference(SimulationTrace a, SimulationTrace b) {
    if (!a.spikesByNode().keySet().equals(b.spikesByNode().keySet())) {
      return "false (nodes)";
    }
    for (String node : a.spikesByNode().keySet()) {
      if (!Arrays.equals(a.spikesByNode().get(node), b.spikesByNode().get(node))) {
        return "false (spikes of " + node + ")";
      }
    }
    if (!Arrays.equals(a.correctByTimestep(), b.correctByTimestep())) {
      return "false (accuracy by timestep)";
    }
    if (!Arrays.equals(a.predictions(), b.predictions())) {
      return "false (predictions)";
    }
    if (!Arrays.equals(a.exitTimestep(), b.exitTimestep())
        || a.firstOutputTimestep() != b.firstOutputTimestep()
        || a.inputCurrentNonZero() != b.inputCurrentNonZero()
        || !a.neuronsByNode().equals(b.neuronsByNode())) {
      return "false (exits, first output, input count or neurons)";
    }
    return "true";
  }

  /**
   * How close two traces are: prediction agreement, the largest relative difference of a node's
   * total spikes, and the largest difference of one node's spike count at one timestep.
   */
  static String closeness(SimulationTrace a, SimulationTrace b) {
    int agree = 0;
    for (int i = 0; i < a.predictions().length; i++) {
      agree += a.predictions()[i] == b.predictions()[i] ? 1 : 0;
    }
    double worst = 0;
    long worstStep = 0;
    long perStep = 0;
    for (String node : a.spikesByNode().keySet()) {
      long[] x = a.spikesByNode().get(node);
      long[] y = b.spikesByNode().getOrDefault(node, new long[x.length]);
      long sx = Arrays.stream(x).sum();
      long sy = Arrays.stream(y).sum();
      worst = Math.max(worst, Math.abs(sx - sy) / Math.max(1.0, sx));
      for (int t = 0; t < x.length; t++) {
        if (Math.abs(x[t] - y[t]) > worstStep) {
          worstStep = Math.abs(x[t] - y[t]);
          perStep = x[t];
        }
      }
    }
    return String.format(
        Locale.ROOT,
        "prediction_agreement=%.4f max_relative_total_spike_difference=%.2e "
            + "max_spike_difference_at_one_timestep=%d_of_%d",
        (double) agree / Math.max(1, a.predictions().length),
        worst,
        worstStep,
        perStep);
  }

  record Data(DataSplit split, float[][] images, long[] shape) {}

  static Data data(String network, int count, Path repo) throws IOException {
    boolean cifar = network.equals("vgg15ab");
    long[] shape = cifar ? new long[] {3, 32, 32} : new long[] {1, 28, 28};
    float[][] raw;
    int[] labels;
    if (repo != null) {
      raw = FashionMnistFile.testImages(repo, count);
      labels = FashionMnistFile.testLabels(repo, count);
    } else {
      Random r = new Random(3);
      raw = new float[count][784];
      labels = new int[count];
      for (int i = 0; i < count; i++) {
        for (int j = 0; j < 784; j++) {
          raw[i][j] = r.nextFloat() < 0.5f ? r.nextFloat() : 0f;
        }
        labels[i] = r.nextInt(10);
      }
    }
    float[][] images = raw;
    if (cifar) {
      images = new float[raw.length][3 * 32 * 32];
      for (int i = 0; i < raw.length; i++) {
        for (int c = 0; c < 3; c++) {
          float gain = 1f - 0.1f * c;
          for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
              images[i][c * 1024 + (y + 2) * 32 + x + 2] = raw[i][y * 28 + x] * gain;
            }
          }
        }
      }
    }
    return new Data(new ArraySplit(images, labels, shape), images, shape);
  }

  private static Map<String, String> parse(List<String> args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new UserFacingException("snn-backends takes key=value arguments, got '" + arg + "'");
      }
      m.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return m;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + "," + f[1] + "," + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * CPU time of this process (all threads, native ones included), or wall time where unavailable.
   */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return System.nanoTime();
  }

  /** VmHWM of this process in MiB, or -1 where /proc is missing. */
  static long peakRssMib() {
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
}
