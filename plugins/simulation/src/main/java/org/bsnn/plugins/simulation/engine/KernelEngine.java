package org.bsnn.plugins.simulation.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingDynamics;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.snn.TimestepView;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The clock-driven loop shared by the fast backends ({@code bitpacked}, {@code event-driven}): the
 * semantics of {@code TimeSteppedSimulator} (initial potential 0, {@code v += current}, spike when
 * {@code v >= threshold}, reset by subtraction or to zero, pipelined or same-step propagation, an
 * integrating output read by argmax with the lowest index on ties, accuracy at every timestep,
 * run-time optimizers, Poisson input drawn in the same order from the same stream) with a
 * different data layout: per-sample Java arrays, spikes packed in 64-bit words, and projections
 * computed per sample by {@link SampleKernel}s in parallel over the samples of a batch.
 *
 * <p>Whatever has no kernel (the encoded input, real-valued layers in {@code bitpacked}, chains
 * other than {@code [flatten] (conv|dense) [avgpool] [flatten]}) runs through {@link LayerOps} on
 * the whole batch with the batch size of the reference, so it is bit-identical to it. With direct
 * encoding the input's current is the same every timestep and is computed once per batch.
 *
 * <p>Samples a run-time optimizer stopped are no longer computed once they cannot change the trace
 * (after the batch's first non-zero output, which the reference takes over all samples).
 */
public final class KernelEngine {

  private final KernelPolicy policy;
  private final int timesteps;
  private final int batchSize;
  private final int limit;
  private final int threads;

  private KernelEngine(KernelPolicy policy, int timesteps, int batchSize, int limit, int threads) {
    this.policy = policy;
    this.timesteps = timesteps;
    this.batchSize = batchSize;
    this.limit = limit;
    this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  /**
   * The bitpacked backend: binary projections by AND + popcount on packed spikes or by 16-bit
   * scatter of the spikes' ±1 footprints ({@code choice}), everything else by ND4J.
   */
  public static KernelEngine bitpacked(int timesteps, int batchSize, int limit, int threads, KernelChoice choice) {
    return new KernelEngine(new KernelPolicy.Bitpacked(choice), timesteps, batchSize, limit, threads);
  }

  /**
   * The event-driven backend: projections from spiking nodes by scatter-add of the spiking inputs'
   * weights, by ND4J when the source's spike rate this timestep exceeds {@code denseAbove}.
   */
  public static KernelEngine eventDriven(int timesteps, int batchSize, int limit, int threads, double denseAbove) {
    return new KernelEngine(new KernelPolicy.EventDriven(denseAbove), timesteps, batchSize, limit, threads);
  }

  /** Whether integrate-and-fire runs on the JDK's Vector API (else a scalar loop); see {@link Firing}. */
  public static boolean vectorApi() {
    return Simd.ENABLED;
  }

  /** Threads used (the configured number, or the available processors for 0). */
  public int threads() {
    return threads;
  }

  /** Which kernel each projection of {@code network} gets, one line per projection (compiles it). */
  public List<String> describe(SpikingNetwork network) {
    return plan(network).describeKernels();
  }

  /** Samples per chunk of work (0: two chunks per worker); settable for A/B measurements. */
  static volatile int samplesPerChunk = Integer.getInteger("bsnn.samplesPerChunk", 0);

  // The last compiled plan, reused while the same network object is simulated again with the same
  // kernels (a sweep over timesteps or data, or a benchmark's repeated runs): weakly keyed, softly held.
  private static final Object CACHE_LOCK = new Object();
  private static java.lang.ref.WeakReference<SpikingNetwork> cachedNetwork;
  private static String cachedKey;
  private static java.lang.ref.SoftReference<Plan> cachedPlan;

  /** The network compiled for this backend's kernels (packed weights), cached for the same network object. */
  private Plan plan(SpikingNetwork network) {
    synchronized (CACHE_LOCK) {
      if (cachedNetwork != null && cachedNetwork.get() == network && policy.key().equals(cachedKey)) {
        Plan plan = cachedPlan.get();
        if (plan != null) {
          return plan;
        }
      }
      Plan plan = Plan.compile(network, policy);
      cachedNetwork = new java.lang.ref.WeakReference<>(network);
      cachedKey = policy.key();
      cachedPlan = new java.lang.ref.SoftReference<>(plan);
      return plan;
    }
  }

  /** Simulates {@code data} (the first {@code limit} images when limit > 0), as the reference does. */
  public SimulationTrace simulate(SpikingNetwork network, DataSplit data, List<Optimizer> optimizers, RunContext context) {
    Plan plan;
    try {
      plan = plan(network);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("cannot simulate: " + e.getMessage(), e);
    }
    DataSplit split = limit > 0 ? data.head(limit) : data;
    int total = split.size();
    Trace trace = new Trace(network, total, timesteps);
    SplittableRandom poisson = context.random("poisson");
    long started = System.nanoTime();
    try (Workers workers = new Workers(threads);
        Progress progress = context.progress("image-timesteps", (long) total * timesteps)) {
      Scratch[] scratch = new Scratch[workers.threads()];
      for (int i = 0; i < scratch.length; i++) {
        scratch[i] = new Scratch();
      }
      Iterator<Batch> batches = split.batches(batchSize);
      int offset = 0;
      while (batches.hasNext()) {
        try (Batch batch = batches.next()) {
          new BatchRun(plan, policy, batch, offset, optimizers, trace, poisson, workers, scratch).run(timesteps, progress);
          offset += batch.size();
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    context.log().info(String.format(Locale.ROOT, "%s: simulated %d images x %d timesteps in %.1f s (%.0f img*timesteps/s, %d threads)",
        policy.name(), total, timesteps, seconds, total * (double) timesteps / Math.max(seconds, 1e-9), threads));
    return trace.build();
  }

  /** Accumulates the trace over batches, as the reference does. */
  private static final class Trace {
    final int steps;
    final int[] labels;
    final int[] predictions;
    final int[] exit;
    final long[] correct;
    final Map<String, long[]> spikes = new LinkedHashMap<>();
    final Map<String, Long> neurons = new LinkedHashMap<>();
    long inputNonZero;
    int firstOutput;

    Trace(SpikingNetwork network, int samples, int steps) {
      this.steps = steps;
      labels = new int[samples];
      predictions = new int[samples];
      exit = new int[samples];
      correct = new long[steps];
      network.nodes().stream().filter(SpikingNode::spiking).forEach(n -> spikes.put(n.name(), new long[steps]));
    }

    SimulationTrace build() {
      return new SimulationTrace(steps, labels, correct, predictions, exit, spikes, neurons, inputNonZero,
          firstOutput == 0 ? steps + 1 : firstOutput);
    }
  }

  /** The state of one batch over all timesteps. */
  private static final class BatchRun {
    private final Plan plan;
    private final KernelPolicy policy;
    private final Batch batch;
    private final int n;
    private final int offset;
    private final List<Optimizer> optimizers;
    private final Trace trace;
    private final SplittableRandom[] streams; // Poisson: one stream per sample, split as the reference does
    private final float[] pixels;
    private final Workers workers;
    private final Scratch[] scratch;
    private final boolean pipelined;

    private final float[][][] potential; // [node][sample][neuron]
    private long[][][] bitsPrev; // [node][sample][word]; == bitsCur in same-step mode
    private long[][][] bitsCur;
    private int[][] countPrev; // [node][sample]
    private int[][] countCur;
    private final boolean[] computed; // node has run at least once (in same-step mode: including this step)
    private final float[][][][] nd; // [node][path][sample][] ND4J results in the target's layout
    private final boolean[][] constantDone;
    private final boolean[][] activeNow;
    private final boolean[][] ndNow;
    private final boolean[] stopped;
    private final int[] frozen;
    private final float[][] outputSpikes; // [sample][class] spikes so far; spike-count readout only

    // per step
    private final List<Integer> segment = new ArrayList<>();
    private final boolean[] inSegment;
    private int[] rows;
    private final Map<Integer, INDArray> sourceBatches = new HashMap<>();

    BatchRun(Plan plan, KernelPolicy policy, Batch batch, int offset, List<Optimizer> optimizers, Trace trace,
        SplittableRandom poisson, Workers workers, Scratch[] scratch) {
      this.plan = plan;
      this.policy = policy;
      this.batch = batch;
      this.n = batch.size();
      this.offset = offset;
      this.optimizers = optimizers;
      this.trace = trace;
      if (plan.network.encoding() == Encoding.POISSON) {
        streams = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
          streams[i] = poisson.split();
        }
        try (INDArray c = batch.features().dup('c')) {
          pixels = c.data().asFloat();
        }
      } else {
        streams = null;
        pixels = null;
      }
      this.workers = workers;
      this.scratch = scratch;
      this.pipelined = plan.network.propagation() == Propagation.PIPELINED;
      long[] image = Arrays.copyOfRange(batch.features().shape(), 1, batch.features().rank());
      if (!Arrays.equals(image, plan.network.inputShape())) {
        throw new UserFacingException("the data's images have shape " + Arrays.toString(image)
            + " but the spiking network '" + plan.network.name() + "' expects " + Arrays.toString(plan.network.inputShape()));
      }
      int size = plan.size;
      potential = new float[size][n][];
      bitsPrev = new long[size][][];
      countPrev = new int[size][];
      for (int j = 0; j < size; j++) {
        Layout l = plan.layouts[j];
        for (int s = 0; s < n; s++) {
          potential[j][s] = new float[l.neurons];
        }
        if (plan.spiking[j]) {
          bitsPrev[j] = new long[n][l.words];
          countPrev[j] = new int[n];
        }
      }
      if (pipelined) {
        bitsCur = new long[size][][];
        countCur = new int[size][];
        for (int j = 0; j < size; j++) {
          if (plan.spiking[j]) {
            bitsCur[j] = new long[n][plan.layouts[j].words];
            countCur[j] = new int[n];
          }
        }
      } else {
        bitsCur = bitsPrev;
        countCur = countPrev;
      }
      computed = new boolean[size];
      inSegment = new boolean[size];
      nd = new float[size][][][];
      constantDone = new boolean[size][];
      activeNow = new boolean[size][];
      ndNow = new boolean[size][];
      for (int j = 0; j < size; j++) {
        int paths = plan.paths[j].length;
        nd[j] = new float[paths][][];
        constantDone[j] = new boolean[paths];
        activeNow[j] = new boolean[paths];
        ndNow[j] = new boolean[paths];
      }
      stopped = new boolean[n];
      frozen = new int[n];
      waitsForNd = new boolean[size];
      outputSpikes = plan.network.readout() == Readout.SPIKE_COUNT ? new float[n][plan.layouts[plan.output].neurons] : null;
      System.arraycopy(batch.labels(), 0, trace.labels, offset, n);
    }

    void run(int steps, Progress progress) {
      if (plan.network.encoding() == Encoding.DIRECT) {
        try (INDArray nonZero = batch.features().neq(0); INDArray asInt = nonZero.castTo(DataType.INT32)) {
          trace.inputNonZero += asInt.sumNumber().longValue();
        }
      }
      for (int t = 1; t <= steps; t++) {
        step(t);
        progress.advance(n);
      }
      for (int i = 0; i < n; i++) {
        if (!stopped[i]) {
          trace.exit[offset + i] = steps;
        }
      }
    }

    private void step(int t) {
      stepIndex = t - 1;
      boolean everyone = trace.firstOutput == 0 || t < trace.firstOutput;
      rows = samplesToCompute(everyone);
      INDArray input = plan.network.encoding() == Encoding.POISSON ? poissonSpikes(batch.features()) : null;
      boolean[] before = computed.clone();
      try {
        for (int j = 0; j < plan.size; j++) {
          Plan.Path[] paths = plan.paths[j];
          boolean any = false;
          for (int k = 0; k < paths.length; k++) {
            Plan.Path p = paths[k];
            boolean available = p.fromInput()
                || plan.spiking[p.source] && (pipelined ? before[p.source] : computed[p.source]);
            activeNow[j][k] = available;
            any |= available;
          }
          if (!any) {
            continue; // pipelined: no source has spiked yet
          }
          for (int k = 0; k < paths.length; k++) {
            if (activeNow[j][k]) {
              ndNow[j][k] = prepare(j, k, paths[k], input);
            }
          }
          segment.add(j);
          inSegment[j] = true;
          computed[j] = true;
          if (plan.spiking[j]) {
            trace.neurons.putIfAbsent(plan.names[j], (long) plan.layouts[j].neurons);
          }
        }
        flushPending();
      } finally {
        if (input != null) {
          input.close();
        }
        sourceBatches.values().forEach(INDArray::close);
        sourceBatches.clear();
      }
      if (pipelined) {
        long[][][] b = bitsPrev;
        bitsPrev = bitsCur;
        bitsCur = b;
        int[][] c = countPrev;
        countPrev = countCur;
        countCur = c;
      }
      readout(t);
    }

    private int[] samplesToCompute(boolean everyone) {
      if (everyone) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
          all[i] = i;
        }
        return all;
      }
      int running = 0;
      for (boolean s : stopped) {
        running += s ? 0 : 1;
      }
      int[] r = new int[running];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (!stopped[i]) {
          r[k++] = i;
        }
      }
      return r;
    }

    /** Decides how path k of node j runs this step; computes it now if by ND4J. Returns true for ND4J. */
    private boolean prepare(int j, int k, Plan.Path p, INDArray poissonInput) {
      boolean viaNd4j = p.kernel == null;
      if (!viaNd4j && policy.denseAbove() < Double.POSITIVE_INFINITY) {
        waitFor(p.source);
        long spikes = 0;
        int[] counts = pipelined ? countPrev[p.source] : countCur[p.source];
        for (int s : rows) {
          spikes += counts[s];
        }
        viaNd4j = spikes > policy.denseAbove() * rows.length * (double) p.sourceLayout.neurons;
      }
      if (!viaNd4j) {
        return false;
      }
      if (nd[j][k] == null) {
        nd[j][k] = new float[n][p.targetSize];
      }
      if (p.fromInput()) {
        if (poissonInput == null) {
          if (!constantDone[j][k]) {
            runChain(p, batch.features(), nd[j][k], plan.layouts[j]);
            constantDone[j][k] = true;
          }
        } else {
          runChain(p, poissonInput, nd[j][k], plan.layouts[j]);
        }
      } else if (pipelined) {
        // reads last step's spikes only: runs on the calling thread while the workers start on
        // the samples (see flushPending); a sample waits for it only when it reaches node j
        deferred.add(new int[] {j, k});
        waitsForNd[j] = true;
      } else {
        waitFor(p.source);
        runChain(p, sourceBatch(p.source), nd[j][k], plan.layouts[j]);
      }
      return true;
    }

    /** In same-step mode, a source still pending in the segment must be computed first. */
    private void waitFor(int source) {
      if (!pipelined && inSegment[source]) {
        flushPending();
      }
    }

    private void flushPending() {
      if (segment.isEmpty()) {
        return;
      }
      int[] nodes = segment.stream().mapToInt(Integer::intValue).toArray();
      int[] which = rows;
      Runnable nd4j = null;
      if (!deferred.isEmpty()) {
        List<int[]> chains = new ArrayList<>(deferred);
        deferred.clear();
        CountDownLatch done = new CountDownLatch(1);
        ndDone = done;
        nd4j = () -> {
          try {
            for (int[] jk : chains) {
              Plan.Path p = plan.paths[jk[0]][jk[1]];
              runChain(p, sourceBatch(p.source), nd[jk[0]][jk[1]], plan.layouts[jk[0]]);
            }
          } finally {
            done.countDown();
          }
        };
      }
      // chunks of a few samples, two per worker or more, taken as workers become free
      int chunk = samplesPerChunk > 0 ? samplesPerChunk : Math.max(1, -Math.floorDiv(-which.length, 2 * workers.threads()));
      int chunks = -Math.floorDiv(-which.length, chunk);
      workers.forEach(chunks, nd4j,
          (w, c) -> computeChunk(scratch[w], which, c * chunk, Math.min(which.length, (c + 1) * chunk), nodes));
      Arrays.fill(waitsForNd, false);
      ndDone = null;
      for (int j : nodes) {
        inSegment[j] = false;
        if (plan.spiking[j]) {
          long sum = 0;
          int[] counts = countCur[j];
          for (int s : which) {
            if (!stopped[s]) {
              sum += counts[s];
            }
          }
          trace.spikes.get(plan.names[j])[stepIndex] += sum;
        }
      }
      segment.clear();
    }

    private int stepIndex;

    // ND4J chains of this step deferred to run beside the workers (pipelined mode), and the
    // nodes that need them
    private final List<int[]> deferred = new ArrayList<>();
    private final boolean[] waitsForNd;
    private volatile CountDownLatch ndDone;

    private void awaitNd() {
      CountDownLatch done = ndDone;
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for ND4J", e);
      }
    }

    /**
     * A chunk of samples through the nodes of a segment, node by node (each sample's nodes still in
     * order): a node's packed weights then serve the whole chunk from cache instead of being read
     * again from memory for every sample (they are up to a few MB per network).
     */
    private void computeChunk(Scratch sc, int[] which, int from, int to, int[] nodes) {
      for (int j : nodes) {
        if (waitsForNd[j]) {
          awaitNd();
        }
        for (int r = from; r < to; r++) {
          computeNode(sc, which[r], j);
        }
      }
    }

    /** Node j of sample s. */
    private void computeNode(Scratch sc, int s, int j) {
      Plan.Path[] paths = plan.paths[j];
      int size = plan.layouts[j].neurons;
      int active = 0;
      for (int k = 0; k < paths.length; k++) {
        active += activeNow[j][k] ? 1 : 0;
      }
      float[] v = potential[j][s];
      if (active == 1 && plan.spiking[j]) {
        int k = 0;
        while (!activeNow[j][k]) {
          k++;
        }
        if (ndNow[j][k]) {
          // one current computed by ND4J (e.g. the input layer's constant current): add and fire in one pass
          countCur[j][s] = integrateAndFire(j, v, nd[j][k][s], bitsCur[j][s]);
          countOutputSpikes(j, s);
          return;
        }
      }
      // one projection: its current is added straight into the potential (v + current); several:
      // their currents are summed in order first (c0 + c1 + ...), then added, as the reference does
      float[] cur = active == 1 ? v : sc.floats(Scratch.CURRENT, size);
      boolean first = true;
      for (int k = 0; k < paths.length; k++) {
        if (!activeNow[j][k]) {
          continue;
        }
        boolean accumulate = active == 1 || !first;
        Plan.Path p = paths[k];
        if (ndNow[j][k]) {
          float[] contribution = nd[j][k][s];
          if (accumulate) {
            Loops.add(cur, contribution, size);
          } else {
            System.arraycopy(contribution, 0, cur, 0, size);
          }
        } else {
          long[] bits = (pipelined ? bitsPrev : bitsCur)[p.source][s];
          int count = (pipelined ? countPrev : countCur)[p.source][s];
          p.kernel.compute(bits, count, sc, cur, accumulate);
        }
        first = false;
      }
      if (active > 1) {
        Loops.add(v, cur, size);
      }
      if (plan.spiking[j]) {
        countCur[j][s] = fire(j, v, bitsCur[j][s]);
        countOutputSpikes(j, s);
      }
    }

    /** {@code v += current} and integrate-and-fire in one pass (see {@link Firing}). */
    private int integrateAndFire(int j, float[] v, float[] current, long[] bits) {
      return Firing.fire(plan.layouts[j], v, current, plan.thresholds[j], plan.scalarThreshold[j], plan.subtract[j], bits);
    }

    /** Integrate-and-fire on the updated potentials (see {@link Firing}); returns the spike count. */
    private int fire(int j, float[] v, long[] bits) {
      return Firing.fire(plan.layouts[j], v, null, plan.thresholds[j], plan.scalarThreshold[j], plan.subtract[j], bits);
    }

    /** A node's spikes of the batch as 0/1 floats [n, ...] in C order (ND4J's input). */
    private INDArray sourceBatch(int source) {
      return sourceBatches.computeIfAbsent(source, src -> {
        Layout l = plan.layouts[src];
        long[][] bits = (pipelined ? bitsPrev : bitsCur)[src];
        float[] data = new float[n * l.neurons];
        for (int s = 0; s < n; s++) {
          l.bitsToChw(bits[s], data, s * l.neurons);
        }
        long[] shape = new long[l.shape.length + 1];
        shape[0] = n;
        System.arraycopy(l.shape, 0, shape, 1, l.shape.length);
        return Nd4j.create(data, shape, 'c');
      });
    }

    /** The path's ops on a batch with LayerOps (as the reference), split per sample into {@code out}. */
    private static void runChain(Plan.Path p, INDArray source, float[][] out, Layout target) {
      INDArray x = source;
      for (Layer op : p.projection.ops()) {
        INDArray y = LayerOps.apply(op, x);
        if (x != source) {
          x.close();
        }
        x = y;
      }
      float[] data;
      if (x == source) {
        try (INDArray c = source.dup('c')) {
          data = c.castTo(DataType.FLOAT).data().asFloat();
        }
      } else {
        INDArray c = x.ordering() == 'c' && !x.isView() && x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT).dup('c');
        data = c.data().asFloat();
        if (c != x) {
          c.close();
        }
        x.close();
      }
      int size = target.neurons;
      for (int s = 0; s < out.length; s++) {
        System.arraycopy(data, s * size, out[s], 0, size);
      }
    }

    /**
     * Rate-coded input, drawn exactly as the reference draws it: each sample from its own stream, so a
     * sample's spikes do not depend on which other samples are still running.
     */
    private INDArray poissonSpikes(INDArray x) {
      float[] values = new float[pixels.length];
      int imageSize = pixels.length / n;
      for (int i = 0; i < n; i++) {
        SplittableRandom random = streams[i];
        for (int j = i * imageSize, end = j + imageSize; j < end; j++) {
          float v = pixels[j];
          values[j] = random.nextDouble() < Math.min(1f, Math.abs(v)) ? Math.signum(v) : 0f;
        }
      }
      return Nd4j.create(values, x.shape(), 'c');
    }

    private void readout(int t) {
      int out = plan.output;
      int[] predicted = new int[n];
      if (computed[out]) {
        boolean earlier = trace.firstOutput == 0 || t < trace.firstOutput;
        if (earlier && (outputSpikes == null ? anyNonZero(potential[out]) : anyNonZero(outputSpikes))) {
          trace.firstOutput = t;
        }
        for (int s = 0; s < n; s++) {
          predicted[s] = outputSpikes == null ? argmax(potential[out][s])
              : SpikingDynamics.spikeCountWinner(outputSpikes[s], potential[out][s], 0, outputSpikes[s].length);
        }
      } else {
        Arrays.fill(predicted, -1);
      }
      int[] labels = batch.labels();
      for (int i = 0; i < n; i++) {
        int p = stopped[i] ? frozen[i] : predicted[i];
        if (p == labels[i]) {
          trace.correct[t - 1]++;
        }
        if (!stopped[i]) {
          trace.predictions[offset + i] = p;
        }
      }
      if (computed[out] && !optimizers.isEmpty()) {
        askOptimizers(t, predicted);
      }
    }

    /** Spike-count readout: adds this step's output spikes of sample s to its counts. */
    private void countOutputSpikes(int j, int s) {
      if (j != plan.output || outputSpikes == null) {
        return;
      }
      long[] bits = bitsCur[j][s];
      float[] counts = outputSpikes[s];
      for (int c = 0; c < counts.length; c++) {
        counts[c] += (bits[c >>> 6] >>> (c & 63)) & 1L;
      }
    }

    private static boolean anyNonZero(float[][] values) {
      for (float[] v : values) {
        for (float x : v) {
          if (Math.abs(x) > 0) {
            return true;
          }
        }
      }
      return false;
    }

    /** First index of the maximum (ND4J's argMax). */
    private static int argmax(float[] v) {
      int best = 0;
      float max = v[0];
      for (int i = 1; i < v.length; i++) {
        if (v[i] > max) {
          max = v[i];
          best = i;
        }
      }
      return best;
    }

    private void askOptimizers(int t, int[] predicted) {
      int active = 0;
      for (boolean s : stopped) {
        active += s ? 0 : 1;
      }
      if (active == 0) {
        return;
      }
      int[] local = new int[active];
      int[] global = new int[active];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (!stopped[i]) {
          local[k] = i;
          global[k] = i + offset;
          k++;
        }
      }
      int classes = plan.layouts[plan.output].neurons;
      float[] values = new float[active * classes];
      for (int r = 0; r < active; r++) {
        System.arraycopy(potential[plan.output][local[r]], 0, values, r * classes, classes);
      }
      try (INDArray shown = Nd4j.create(values, new long[] {active, classes}, 'c')) {
        TimestepView view = new TimestepView(t, global, shown);
        for (Optimizer optimizer : optimizers) {
          boolean[] stop = optimizer.onTimestep(view);
          if (stop == null) {
            continue;
          }
          for (int r = 0; r < local.length; r++) {
            if (stop[r] && !stopped[local[r]]) {
              stopped[local[r]] = true;
              frozen[local[r]] = predicted[local[r]];
              trace.exit[offset + local[r]] = t;
            }
          }
        }
      }
    }
  }
}
