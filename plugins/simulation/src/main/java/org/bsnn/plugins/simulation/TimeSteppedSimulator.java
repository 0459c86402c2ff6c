package org.bsnn.plugins.simulation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingDynamics;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.snn.TimestepView;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.api.stage.Simulator;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference clock-driven simulator: every timestep, every node integrates its input current
 * and integrate-and-fire nodes spike and reset. Matches the reference code's semantics: initial
 * potential 0, no leak, no lower bound, spike when {@code v >= threshold}; in pipelined mode a node
 * reads its sources' spikes of the previous timestep, in same-step mode those of this timestep.
 * Accuracy is recorded at every timestep from one run. A projection that starts with max pooling
 * is simulated as the spiking max gate ({@link SpikingDynamics.MaxPoolGate}, Rueckauer et al.
 * 2017); a projection's scale multiplies its current.
 *
 * <p>Cost and memory: batched, every temporary is closed, and samples that a run-time optimizer
 * stops are dropped from the batch (potentials, spikes, gate state and input), so they stop
 * costing compute; the trace is the same as if they had been simulated on and ignored. Poisson
 * input draws from one random stream per sample, so results do not depend on the batch size or
 * on which other samples stopped.
 *
 * <p>Validation happens before any timestep: the network's shapes
 * ({@link SpikingDynamics#shapes}) and the data's image shape against the network's input shape.
 */
public final class TimeSteppedSimulator implements Simulator {

  private final TimeSteppedConfig config;
  private final boolean shrink;

  /** A simulator with the given length and batch size. */
  public TimeSteppedSimulator(TimeSteppedConfig config) {
    this(config, true);
  }

  /**
   * A simulator that, when {@code shrink} is false, keeps stopped samples in the batch and only
   * ignores them (the reference semantics, kept to test that shrinking changes nothing).
   */
  TimeSteppedSimulator(TimeSteppedConfig config, boolean shrink) {
    this.config = config;
    this.shrink = shrink;
  }

  @Override
  public SimulationTrace simulate(SpikingNetwork network, DataSplit data, List<Optimizer> optimizers, RunContext context) {
    Map<String, long[]> shapes;
    try {
      shapes = SpikingDynamics.shapes(network);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("cannot simulate: " + e.getMessage(), e);
    }
    DataSplit split = config.limit() > 0 ? data.head(config.limit()) : data;
    int total = split.size();
    int steps = config.timesteps();
    Trace trace = new Trace(network, shapes, total, steps);
    SplittableRandom poisson = context.random("poisson");
    long started = System.nanoTime();
    try (Progress progress = context.progress("image-timesteps", (long) total * steps)) {
      Iterator<Batch> batches = split.batches(config.batchSize());
      int offset = 0;
      while (batches.hasNext()) {
        try (Batch batch = batches.next()) {
          requireInputShape(network, batch);
          new BatchRun(network, batch, offset, optimizers, trace, poisson, shrink).run(steps, progress);
          offset += batch.size();
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    context.log().info(String.format(Locale.ROOT, "simulated %d images x %d timesteps in %.1f s (%.0f img*timesteps/s)",
        total, steps, seconds, total * (double) steps / Math.max(seconds, 1e-9)));
    return trace.build();
  }

  private static void requireInputShape(SpikingNetwork network, Batch batch) {
    long[] image = Arrays.copyOfRange(batch.features().shape(), 1, 4);
    if (!Arrays.equals(image, network.inputShape())) {
      throw new UserFacingException("the data's images have shape " + Arrays.toString(image) + " [channels, height, width] but the spiking network '"
          + network.name() + "' expects " + Arrays.toString(network.inputShape())
          + "; simulate the network on the dataset it was trained for (or check the dataset's preprocessing)");
    }
  }

  /** Accumulates the trace over batches. */
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

    Trace(SpikingNetwork network, Map<String, long[]> shapes, int samples, int steps) {
      this.steps = steps;
      labels = new int[samples];
      predictions = new int[samples];
      exit = new int[samples];
      correct = new long[steps];
      for (SpikingNode node : network.nodes()) {
        if (node.spiking()) {
          spikes.put(node.name(), new long[steps]);
          neurons.put(node.name(), Arrays.stream(shapes.get(node.name())).reduce(1, (a, b) -> a * b));
        }
      }
    }

    SimulationTrace build() {
      return new SimulationTrace(steps, labels, correct, predictions, exit, spikes, neurons, inputNonZero,
          firstOutput == 0 ? steps + 1 : firstOutput);
    }
  }

  /**
   * The state of one batch over all timesteps. Rows of the state arrays are "live" samples; with
   * shrinking, {@code rows[r]} is the batch-local index of row r, and stopped samples are removed.
   */
  private static final class BatchRun {
    private final SpikingNetwork network;
    private final Batch batch;
    private final int offset;
    private final List<Optimizer> optimizers;
    private final Trace trace;
    private final boolean shrink;
    private final Map<String, INDArray> potential = new HashMap<>();
    private final Map<String, INDArray> outputSpikes = new HashMap<>(); // spike-count readout: spikes so far per output neuron
    private Map<String, INDArray> spikes = new HashMap<>();
    private final Map<String, SpikingDynamics.MaxPoolGate> gates = new HashMap<>();
    private final int size;
    private final boolean[] stopped;
    private final int[] frozen;
    private int[] rows;
    private int running;
    private long stoppedCorrect;
    private boolean heard;
    private INDArray direct;
    private boolean ownsDirect;
    private INDArray activeMask; // without shrinking: 1 for running rows, 0 for stopped ones
    private final SplittableRandom[] streams;
    private final float[] pixels;
    private final long imageSize;

    BatchRun(SpikingNetwork network, Batch batch, int offset, List<Optimizer> optimizers, Trace trace,
        SplittableRandom poisson, boolean shrink) {
      this.network = network;
      this.batch = batch;
      this.offset = offset;
      this.optimizers = optimizers;
      this.trace = trace;
      this.shrink = shrink;
      this.size = batch.size();
      this.stopped = new boolean[size];
      this.frozen = new int[size];
      this.rows = new int[size];
      for (int i = 0; i < size; i++) {
        rows[i] = i;
      }
      this.running = size;
      this.imageSize = batch.features().length() / size;
      if (network.encoding() == Encoding.POISSON) {
        streams = new SplittableRandom[size];
        for (int i = 0; i < size; i++) {
          streams[i] = poisson.split();
        }
        pixels = batch.features().dup('c').data().asFloat();
      } else {
        streams = null;
        pixels = null;
        direct = batch.features();
      }
      System.arraycopy(batch.labels(), 0, trace.labels, offset, size);
    }

    void run(int steps, Progress progress) {
      try {
        if (network.encoding() == Encoding.DIRECT) {
          try (INDArray nonZero = batch.features().neq(0);
              INDArray asInt = nonZero.castTo(DataType.INT32)) {
            trace.inputNonZero += asInt.sumNumber().longValue();
          }
        }
        for (int t = 1; t <= steps; t++) {
          if (running == 0) {
            trace.correct[t - 1] += stoppedCorrect; // every sample stopped: nothing left to compute
          } else {
            step(t);
          }
          progress.advance(size);
        }
        for (int i = 0; i < size; i++) {
          if (!stopped[i]) {
            trace.exit[offset + i] = steps;
          }
        }
      } finally {
        potential.values().forEach(INDArray::close);
        outputSpikes.values().forEach(INDArray::close);
        spikes.values().forEach(INDArray::close);
        gates.values().forEach(SpikingDynamics.MaxPoolGate::close);
        if (ownsDirect) {
          direct.close();
        }
        if (activeMask != null) {
          activeMask.close();
        }
      }
    }

    private void step(int t) {
      INDArray input = network.encoding() == Encoding.DIRECT ? direct : poissonSpikes();
      boolean pipelined = network.propagation() == Propagation.PIPELINED;
      Map<String, INDArray> fresh = pipelined ? new HashMap<>() : spikes;
      for (SpikingNode node : network.nodes()) {
        INDArray current = null;
        for (int k = 0; k < node.inputs().size(); k++) {
          Projection p = node.inputs().get(k);
          INDArray source = p.source().equals(SpikingNetwork.INPUT) ? input : spikes.get(p.source());
          if (source == null) {
            continue; // pipelined: the source has not spiked yet (before its first step)
          }
          INDArray contribution = project(node.name() + "#" + k, p, source);
          if (current == null) {
            current = contribution;
          } else {
            current.addi(contribution);
            contribution.close();
          }
        }
        if (current == null) {
          continue;
        }
        INDArray v = potential.get(node.name());
        if (v == null) {
          potential.put(node.name(), current);
          v = current;
        } else {
          v.addi(current);
          current.close();
        }
        if (node.neuron() instanceof Neuron.IntegrateAndFire neuron) {
          INDArray fired = SpikingDynamics.fire(v, neuron);
          trace.spikes.get(node.name())[t - 1] += countRunning(fired);
          if (node == network.output()) {
            INDArray sum = outputSpikes.get(node.name());
            if (sum == null) {
              outputSpikes.put(node.name(), fired.dup());
            } else {
              sum.addi(fired);
            }
          }
          INDArray old = fresh.put(node.name(), fired);
          if (old != null && old != fired) {
            old.close();
          }
        }
      }
      if (pipelined) {
        spikes.values().forEach(INDArray::close);
        spikes = fresh;
      }
      if (input != direct) {
        input.close();
      }
      readout(t);
    }

    /** One projection's current: the gate (if any), the remaining ops, then the scale. */
    private INDArray project(String key, Projection p, INDArray source) {
      INDArray x = source;
      List<Layer> ops = p.ops();
      int from = 0;
      if (p.gated()) {
        x = gates.computeIfAbsent(key, k -> new SpikingDynamics.MaxPoolGate((Layer.MaxPool2d) ops.get(0))).step(source);
        from = 1;
      }
      for (int i = from; i < ops.size(); i++) {
        INDArray y = LayerOps.apply(ops.get(i), x);
        if (x != source) {
          x.close();
        }
        x = y;
      }
      if (x == source) {
        x = source.dup();
      }
      if (p.scale() != null) {
        x.muli(SpikingDynamics.aligned(p.scale(), x.rank()));
      }
      return x;
    }

    /** Spikes of the running samples, summed on the device (no per-sample reads). */
    private long countRunning(INDArray fired) {
      if (running == rows.length) {
        return Math.round(fired.sumNumber().doubleValue());
      }
      try (INDArray perSample = fired.reshape(rows.length, fired.length() / rows.length).sum(1)) {
        perSample.muli(activeMask);
        return Math.round(perSample.sumNumber().doubleValue());
      }
    }

    private void readout(int t) {
      INDArray out = potential.get(network.output().name());
      int[] predicted = new int[rows.length];
      if (out != null) {
        INDArray counts = outputSpikes.get(network.output().name());
        boolean byCount = network.readout() == Readout.SPIKE_COUNT;
        INDArray heardFrom = byCount ? counts : out;
        if (!heard && heardFrom != null && (trace.firstOutput == 0 || t < trace.firstOutput) && anyRunningNonZero(heardFrom)) {
          trace.firstOutput = t; // batches restart at t = 1, so keep the earliest over all batches
          heard = true;
        }
        if (byCount) {
          predicted = spikeCountWinners(counts, out);
        } else {
          try (INDArray argmax = out.argMax(1)) {
            predicted = argmax.toIntVector();
          }
        }
      } else {
        Arrays.fill(predicted, -1);
      }
      long correct = stoppedCorrect;
      int[] labels = batch.labels();
      for (int r = 0; r < rows.length; r++) {
        int i = rows[r];
        if (!stopped[i]) {
          if (predicted[r] == labels[i]) {
            correct++;
          }
          trace.predictions[offset + i] = predicted[r];
        }
      }
      trace.correct[t - 1] += correct;
      if (out != null && !optimizers.isEmpty()) {
        askOptimizers(t, out, predicted);
      }
    }

    /** Spike-count readout of every row (no output spike yet: the potential decides). */
    private int[] spikeCountWinners(INDArray counts, INDArray out) {
      int classes = (int) out.size(1);
      float[] v = hostCopy(out);
      float[] c = counts == null ? new float[v.length] : hostCopy(counts);
      int[] predicted = new int[rows.length];
      for (int r = 0; r < rows.length; r++) {
        predicted[r] = SpikingDynamics.spikeCountWinner(c, v, r * classes, classes);
      }
      return predicted;
    }

    private static float[] hostCopy(INDArray a) {
      try (INDArray c = a.dup('c')) {
        return c.data().asFloat();
      }
    }

    private boolean anyRunningNonZero(INDArray out) {
      if (running == rows.length) {
        return out.amaxNumber().doubleValue() > 0;
      }
      try (INDArray perSample = out.amax(1)) {
        perSample.muli(activeMask);
        return perSample.maxNumber().doubleValue() > 0;
      }
    }

    private void askOptimizers(int t, INDArray out, int[] predicted) {
      int[] local = new int[running]; // row indices of running samples
      int k = 0;
      for (int r = 0; r < rows.length; r++) {
        if (!stopped[rows[r]]) {
          local[k++] = r;
        }
      }
      int[] global = new int[running];
      for (int j = 0; j < running; j++) {
        global[j] = offset + rows[local[j]];
      }
      boolean any = false;
      INDArray shown = running == rows.length ? out : out.getRows(local);
      try {
        TimestepView view = new TimestepView(t, global, shown);
        for (Optimizer optimizer : optimizers) {
          boolean[] stop = optimizer.onTimestep(view);
          if (stop == null) {
            continue;
          }
          for (int j = 0; j < local.length; j++) {
            int i = rows[local[j]];
            if (stop[j] && !stopped[i]) {
              stopped[i] = true;
              frozen[i] = predicted[local[j]];
              trace.exit[offset + i] = t;
              if (frozen[i] == batch.labels()[i]) {
                stoppedCorrect++;
              }
              running--;
              any = true;
            }
          }
        }
      } finally {
        if (shown != out) {
          shown.close();
        }
      }
      if (any) {
        dropStopped();
      }
    }

    /** Removes stopped samples from every state array (with shrinking), or masks them (without). */
    private void dropStopped() {
      if (!shrink) {
        float[] mask = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
          mask[r] = stopped[rows[r]] ? 0f : 1f;
        }
        if (activeMask != null) {
          activeMask.close();
        }
        activeMask = Nd4j.create(mask, new long[] {rows.length}, 'c');
        return;
      }
      if (running == 0) {
        return; // nothing more is computed; the state is freed at the end of the batch
      }
      int[] keep = new int[running];
      int[] kept = new int[running];
      int k = 0;
      for (int r = 0; r < rows.length; r++) {
        if (!stopped[rows[r]]) {
          keep[k] = r;
          kept[k] = rows[r];
          k++;
        }
      }
      replaceAll(potential, keep);
      replaceAll(spikes, keep);
      replaceAll(outputSpikes, keep);
      gates.values().forEach(g -> g.keepRows(keep));
      if (direct != null) {
        INDArray smaller = SpikingDynamics.keepRows(direct, keep);
        if (ownsDirect) {
          direct.close();
        }
        direct = smaller;
        ownsDirect = true;
      }
      rows = kept;
    }

    private static void replaceAll(Map<String, INDArray> state, int[] keep) {
      for (Map.Entry<String, INDArray> e : state.entrySet()) {
        INDArray smaller = SpikingDynamics.keepRows(e.getValue(), keep);
        e.getValue().close();
        e.setValue(smaller);
      }
    }

    /** Rate-coded input for the live rows: pixel x spikes with probability min(1, |x|), sign kept. */
    private INDArray poissonSpikes() {
      float[] values = new float[Math.toIntExact(rows.length * imageSize)];
      int k = 0;
      for (int i : rows) {
        SplittableRandom random = streams[i];
        int base = Math.toIntExact(i * imageSize);
        for (int j = 0; j < imageSize; j++) {
          float x = pixels[base + j];
          values[k++] = random.nextDouble() < Math.min(1f, Math.abs(x)) ? Math.signum(x) : 0f;
        }
      }
      long[] shape = batch.features().shape().clone(); // shape() may be ND4J's own array
      shape[0] = rows.length;
      return Nd4j.create(values, shape, 'c');
    }
  }
}
