package org.bsnn.plugins.simulation.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.SpikingKernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One batch of the fast backends: per-sample Java arrays for the potentials, spikes packed in
 * 64-bit words, projections computed per sample by {@link SampleKernel}s. A step runs the live
 * samples in chunks on the {@link Workers}, node by node within a chunk (a node's packed weights
 * then serve the whole chunk from cache); whatever has no kernel runs through {@link LayerOps} on
 * the whole batch, as in the reference, and in pipelined mode beside the workers. With direct
 * encoding the input's current is the same every timestep and is computed once per batch.
 *
 * <p>The state of every sample of the batch stays in place; samples that stopped are no longer
 * computed.
 */
final class EngineKernel implements SpikingKernel {

  /** Samples per chunk of work (0: two chunks per worker). */
  private final int samplesPerChunk;

  private final Plan plan;
  private final KernelPolicy policy;
  private final int n;
  private final int[] all;
  private final INDArray constant; // the batch's direct input, or null
  private final Workers workers;
  private final Scratch[] scratch;
  private final boolean pipelined;

  private final float[][][] potential; // [node][sample][neuron]
  private long[][][] bitsPrev; // [node][sample][word]; == bitsCur in same-step mode
  private long[][][] bitsCur;
  private int[][] countPrev; // [node][sample]
  private int[][] countCur;
  private final boolean[]
      computed; // node has run at least once (in same-step mode: including this step)
  private final float[][][][] nd; // [node][path][sample][] ND4J results in the target's layout
  private final boolean[][] constantDone;
  private final boolean[][] activeNow;
  private final boolean[][] ndNow;
  private final float[][] outputSpikes; // [sample][class] spikes so far; spike-count readout only
  private final long[] stepSpikes; // [node] spikes of the live samples in the last step

  // per step
  private final List<Integer> segment = new ArrayList<>();
  private final boolean[] inSegment;
  private int[] rows;
  private final Map<Integer, INDArray> sourceBatches = new HashMap<>();

  // ND4J chains of this step deferred to run beside the workers (pipelined mode), and the
  // nodes that need them
  private final List<int[]> deferred = new ArrayList<>();
  private final boolean[] waitsForNd;
  private volatile CountDownLatch ndDone;

  EngineKernel(
      Plan plan,
      KernelPolicy policy,
      int n,
      INDArray constant,
      Workers workers,
      Scratch[] scratch,
      int samplesPerChunk) {
    this.plan = plan;
    this.policy = policy;
    this.n = n;
    this.all = new int[n];
    Arrays.setAll(all, i -> i);
    this.constant = constant;
    this.workers = workers;
    this.scratch = scratch;
    this.samplesPerChunk = samplesPerChunk;
    this.pipelined = plan.network.propagation() == Propagation.PIPELINED;
    int size = plan.size;
    potential = new float[size][n][];
    bitsPrev = new long[size][][];
    countPrev = new int[size][];
    for (int j = 0; j < size; j++) {
      Layout l = plan.layouts[j];
      float[] initial = plan.initialPotential[j];
      for (int s = 0; s < n; s++) {
        potential[j][s] = initial == null ? new float[l.neurons] : initial.clone();
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
    waitsForNd = new boolean[size];
    stepSpikes = new long[size];
    outputSpikes =
        plan.network.readout() == Readout.SPIKE_COUNT
            ? new float[n][plan.layouts[plan.output].neurons]
            : null;
  }

  @Override
  public int[] rows() {
    return all; // the state stays in place: Poisson input is drawn for the whole batch, as ND4J's
    // chains see it
  }

  @Override
  public void retain(int[] live) {
    // nothing to drop: step() computes only the live samples it is given
  }

  @Override
  public void step(int t, INDArray drawn, int[] live) {
    rows = live;
    Arrays.fill(stepSpikes, 0);
    boolean[] before = computed.clone();
    try {
      for (int j = 0; j < plan.size; j++) {
        Plan.Path[] paths = plan.paths[j];
        boolean any = false;
        for (int k = 0; k < paths.length; k++) {
          Plan.Path p = paths[k];
          boolean available =
              p.fromInput()
                  || plan.spiking[p.source] && (pipelined ? before[p.source] : computed[p.source]);
          activeNow[j][k] = available;
          any |= available;
        }
        if (!any) {
          continue; // pipelined: no source has spiked yet
        }
        for (int k = 0; k < paths.length; k++) {
          if (activeNow[j][k]) {
            ndNow[j][k] = prepare(j, k, paths[k], drawn);
          }
        }
        segment.add(j);
        inSegment[j] = true;
        computed[j] = true;
      }
      flushPending();
    } finally {
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
  }

  /**
   * Decides how path k of node j runs this step; computes it now if by ND4J. Returns true for ND4J.
   */
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
          runChain(p, constant, nd[j][k], plan.layouts[j]);
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
      nd4j =
          () -> {
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
    int chunk =
        samplesPerChunk > 0
            ? samplesPerChunk
            : Math.max(1, -Math.floorDiv(-which.length, 2 * workers.threads()));
    int chunks = -Math.floorDiv(-which.length, chunk);
    workers.forEach(
        chunks,
        nd4j,
        (w, c) ->
            computeChunk(
                scratch[w], which, c * chunk, Math.min(which.length, (c + 1) * chunk), nodes));
    Arrays.fill(waitsForNd, false);
    ndDone = null;
    for (int j : nodes) {
      inSegment[j] = false;
      if (plan.spiking[j]) {
        long sum = 0;
        int[] counts = countCur[j];
        for (int s : which) {
          sum += counts[s];
        }
        stepSpikes[j] += sum;
      }
    }
    segment.clear();
  }

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
        // one current computed by ND4J (e.g. the input layer's constant current): add and fire in
        // one pass
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
    return Firing.fire(
        plan.layouts[j],
        v,
        current,
        plan.thresholds[j],
        plan.scalarThreshold[j],
        plan.subtract[j],
        bits);
  }

  /** Integrate-and-fire on the updated potentials (see {@link Firing}); returns the spike count. */
  private int fire(int j, float[] v, long[] bits) {
    return Firing.fire(
        plan.layouts[j],
        v,
        null,
        plan.thresholds[j],
        plan.scalarThreshold[j],
        plan.subtract[j],
        bits);
  }

  /** A node's spikes of the batch as 0/1 floats [n, ...] in C order (ND4J's input). */
  private INDArray sourceBatch(int source) {
    return sourceBatches.computeIfAbsent(
        source,
        src -> {
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

  /**
   * The path's ops on a batch with LayerOps (as the reference), split per sample into {@code out}.
   */
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
      INDArray c =
          x.ordering() == 'c' && !x.isView() && x.dataType() == DataType.FLOAT
              ? x
              : x.castTo(DataType.FLOAT).dup('c');
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

  @Override
  public long spikes(int node) {
    return stepSpikes[node];
  }

  @Override
  public boolean outputReady() {
    return computed[plan.output];
  }

  @Override
  public void output(int[] samples, float[] into, float[] counts) {
    int classes = plan.layouts[plan.output].neurons;
    for (int r = 0; r < samples.length; r++) {
      System.arraycopy(potential[plan.output][samples[r]], 0, into, r * classes, classes);
      if (counts != null) {
        System.arraycopy(outputSpikes[samples[r]], 0, counts, r * classes, classes);
      }
    }
  }

  @Override
  public void close() {
    // plain Java arrays: nothing off-heap outlives a step
  }
}
