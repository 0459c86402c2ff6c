package org.bsnn.plugins.simulation;

import java.util.ArrayList;
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
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.snn.TimestepView;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.api.stage.Simulator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference clock-driven simulator: every timestep, every node integrates its input current
 * and integrate-and-fire nodes spike and reset. Matches the reference code's semantics: initial
 * potential 0, no leak, no lower bound, spike when {@code v >= threshold}; in pipelined mode a node
 * reads its sources' spikes of the previous timestep, in same-step mode those of this timestep.
 * Accuracy is recorded at every timestep from one run. Batched; every temporary is closed.
 */
public final class TimeSteppedSimulator implements Simulator {

  private final TimeSteppedConfig config;

  /** A simulator with the given length and batch size. */
  public TimeSteppedSimulator(TimeSteppedConfig config) {
    this.config = config;
  }

  @Override
  public SimulationTrace simulate(SpikingNetwork network, DataSplit data, List<Optimizer> optimizers, RunContext context) {
    DataSplit split = config.limit() > 0 ? data.head(config.limit()) : data;
    int total = split.size();
    int steps = config.timesteps();
    Trace trace = new Trace(network, total, steps);
    SplittableRandom poisson = context.random("poisson");
    long started = System.nanoTime();
    try (Progress progress = context.progress("image-timesteps", (long) total * steps)) {
      Iterator<Batch> batches = split.batches(config.batchSize());
      int offset = 0;
      while (batches.hasNext()) {
        try (Batch batch = batches.next()) {
          new BatchRun(network, batch, offset, optimizers, trace, poisson).run(steps, progress);
          offset += batch.size();
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    context.log().info(String.format(Locale.ROOT, "simulated %d images x %d timesteps in %.1f s (%.0f img*timesteps/s)",
        total, steps, seconds, total * (double) steps / Math.max(seconds, 1e-9)));
    return trace.build();
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
    private final SpikingNetwork network;
    private final Batch batch;
    private final int offset;
    private final List<Optimizer> optimizers;
    private final Trace trace;
    private final SplittableRandom poisson;
    private final Map<String, INDArray> potential = new HashMap<>();
    private Map<String, INDArray> spikes = new HashMap<>();
    private final int n;
    private final boolean[] stopped;
    private final int[] frozen;

    BatchRun(SpikingNetwork network, Batch batch, int offset, List<Optimizer> optimizers, Trace trace, SplittableRandom poisson) {
      this.network = network;
      this.batch = batch;
      this.offset = offset;
      this.optimizers = optimizers;
      this.trace = trace;
      this.poisson = poisson;
      this.n = batch.size();
      this.stopped = new boolean[n];
      this.frozen = new int[n];
      System.arraycopy(batch.labels(), 0, trace.labels, offset, n);
    }

    void run(int steps, Progress progress) {
      try {
        if (network.encoding() == Encoding.DIRECT) {
          trace.inputNonZero += batch.features().neq(0).castTo(DataType.INT32).sumNumber().longValue();
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
      } finally {
        potential.values().forEach(INDArray::close);
        spikes.values().forEach(INDArray::close);
      }
    }

    private void step(int t) {
      INDArray input = network.encoding() == Encoding.DIRECT ? batch.features() : poissonSpikes(batch.features());
      boolean pipelined = network.propagation() == Propagation.PIPELINED;
      Map<String, INDArray> fresh = pipelined ? new HashMap<>() : spikes;
      for (SpikingNode node : network.nodes()) {
        INDArray current = null;
        for (Projection p : node.inputs()) {
          INDArray source = p.source().equals(SpikingNetwork.INPUT) ? input : spikes.get(p.source());
          if (source == null) {
            continue; // pipelined: the source has not spiked yet (before its first step)
          }
          INDArray contribution = applyChain(p.ops(), source);
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
          INDArray fired = fire(v, neuron);
          trace.neurons.putIfAbsent(node.name(), v.length() / n);
          trace.spikes.get(node.name())[t - 1] += countActive(fired);
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
      if (input != batch.features()) {
        input.close();
      }
      readout(t);
    }

    private INDArray fire(INDArray v, Neuron.IntegrateAndFire neuron) {
      INDArray threshold = neuron.threshold();
      INDArray fired;
      if (threshold.length() == 1) {
        double theta = threshold.getDouble(0);
        fired = v.gte(theta).castTo(v.dataType());
        if (neuron.reset() == ResetMode.SUBTRACT) {
          v.subi(fired.mul(theta));
        } else {
          try (INDArray keep = fired.rsub(1.0)) {
            v.muli(keep);
          }
        }
      } else {
        // Align the per-sample threshold ([features] or [channels, 1, 1]) to v's rank with leading
        // ones and let the ops broadcast. broadcast(v.shape()) failed for [channels, 1, 1] (rank 3
        // to 4), and for a batch of one it returned the threshold itself, which was then closed.
        long[] aligned = new long[v.rank()];
        java.util.Arrays.fill(aligned, 1L);
        long[] own = threshold.shape();
        System.arraycopy(own, 0, aligned, aligned.length - own.length, own.length);
        INDArray theta = threshold.reshape(aligned); // a view of the neuron's threshold: never closed
        try (INDArray margin = v.sub(theta)) {
          fired = margin.gte(0).castTo(v.dataType()); // INDArray has no gte(INDArray) in M2.1
        }
        if (neuron.reset() == ResetMode.SUBTRACT) {
          try (INDArray charge = fired.mul(theta)) {
            v.subi(charge);
          }
        } else {
          try (INDArray keep = fired.rsub(1.0)) {
            v.muli(keep);
          }
        }
      }
      return fired;
    }

    private long countActive(INDArray fired) {
      INDArray perSample = fired.reshape(n, fired.length() / n).sum(1);
      long count = 0;
      for (int i = 0; i < n; i++) {
        if (!stopped[i]) {
          count += Math.round(perSample.getDouble(i));
        }
      }
      perSample.close();
      return count;
    }

    private void readout(int t) {
      INDArray out = potential.get(network.output().name());
      int[] predicted = new int[n];
      if (out != null) {
        boolean earlier = trace.firstOutput == 0 || t < trace.firstOutput;
        if (earlier && out.amaxNumber().doubleValue() > 0) {
          trace.firstOutput = t; // batches restart at t = 1, so keep the earliest over all batches
        }
        INDArray argmax = out.argMax(1);
        for (int i = 0; i < n; i++) {
          predicted[i] = argmax.getInt(i);
        }
        argmax.close();
      } else {
        java.util.Arrays.fill(predicted, -1);
      }
      for (int i = 0; i < n; i++) {
        int p = stopped[i] ? frozen[i] : predicted[i];
        if (p == batch.labels()[i]) {
          trace.correct[t - 1]++;
        }
        if (!stopped[i]) {
          trace.predictions[offset + i] = p;
        }
      }
      if (out != null && !optimizers.isEmpty()) {
        askOptimizers(t, out, predicted);
      }
    }

    private void askOptimizers(int t, INDArray out, int[] predicted) {
      List<Integer> active = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (!stopped[i]) {
          active.add(i);
        }
      }
      if (active.isEmpty()) {
        return;
      }
      int[] local = active.stream().mapToInt(Integer::intValue).toArray();
      int[] global = active.stream().mapToInt(i -> i + offset).toArray();
      try (INDArray rows = out.getRows(local)) {
        TimestepView view = new TimestepView(t, global, rows);
        for (Optimizer optimizer : optimizers) {
          boolean[] stop = optimizer.onTimestep(view);
          if (stop == null) {
            continue;
          }
          for (int k = 0; k < local.length; k++) {
            if (stop[k] && !stopped[local[k]]) {
              stopped[local[k]] = true;
              frozen[local[k]] = predicted[local[k]];
              trace.exit[offset + local[k]] = t;
            }
          }
        }
      }
    }

    private INDArray poissonSpikes(INDArray x) {
      float[] values = x.dup('c').data().asFloat();
      for (int i = 0; i < values.length; i++) {
        float a = Math.abs(values[i]);
        values[i] = poisson.nextDouble() < Math.min(1f, a) ? Math.signum(values[i]) : 0f;
      }
      return Nd4j.create(values, x.shape(), 'c');
    }

    private static INDArray applyChain(List<Layer> ops, INDArray source) {
      if (ops.isEmpty()) {
        return source.dup();
      }
      INDArray x = source;
      for (Layer op : ops) {
        INDArray y = LayerOps.apply(op, x);
        if (x != source) {
          x.close();
        }
        x = y;
      }
      return x;
    }
  }
}
