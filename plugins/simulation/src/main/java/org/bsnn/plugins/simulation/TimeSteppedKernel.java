package org.bsnn.plugins.simulation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.SpikingDynamics;
import org.bsnn.api.snn.SpikingKernel;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference kernel: one batch's membrane state as ND4J arrays, every node integrating its input
 * current and firing ({@link SpikingDynamics#fire}) at every timestep. In pipelined mode a node
 * reads its sources' spikes of the previous timestep, in same-step mode those of this timestep. A
 * projection that starts with max pooling is the spiking max gate ({@link
 * SpikingDynamics.MaxPoolGate}); a projection's scale multiplies its current. Every temporary is
 * closed.
 *
 * <p>Stopped samples are dropped from every state array (potentials, spikes, gate state and input),
 * so they stop costing compute; without shrinking (a test of exactly that) they stay in the batch
 * and are only left out of the counts.
 */
final class TimeSteppedKernel implements SpikingKernel {

  private final SpikingNetwork network;
  private final boolean shrink;
  private final boolean pipelined;
  private final Map<String, INDArray> potential = new HashMap<>();
  private final Map<String, INDArray> outputSpikes =
      new HashMap<>(); // spikes so far per output neuron
  private Map<String, INDArray> spikes = new HashMap<>();
  private final Map<String, SpikingDynamics.MaxPoolGate> gates = new HashMap<>();
  private final long[] stepSpikes;
  private int[] rows; // batch-local sample of each state row
  private INDArray direct; // constant input of the rows, or null
  private boolean ownsDirect;
  private INDArray
      activeMask; // without shrinking: 1 for live rows, 0 for stopped ones; null while all are live

  TimeSteppedKernel(SpikingNetwork network, boolean shrink, int samples, INDArray constant) {
    this.network = network;
    this.shrink = shrink;
    this.pipelined = network.propagation() == Propagation.PIPELINED;
    this.stepSpikes = new long[network.nodes().size()];
    this.rows = new int[samples];
    java.util.Arrays.setAll(rows, i -> i);
    this.direct = constant;
  }

  @Override
  public int[] rows() {
    return rows;
  }

  @Override
  public void step(int t, INDArray drawn, int[] live) {
    INDArray input = drawn != null ? drawn : direct;
    Map<String, INDArray> fresh = pipelined ? new HashMap<>() : spikes;
    List<SpikingNode> nodes = network.nodes();
    for (int j = 0; j < nodes.size(); j++) {
      SpikingNode node = nodes.get(j);
      stepSpikes[j] = 0;
      INDArray current = SpikingDynamics.nodeCurrent(node, input, spikes, gates);
      if (current == null) {
        continue;
      }
      INDArray v = potential.get(node.name());
      if (v == null) {
        if (node.neuron() instanceof Neuron.IntegrateAndFire neuron && !neuron.startsAtZero()) {
          // v(0) + current, the order in which the other backends add the first current
          INDArray v0 = neuron.initialPotential();
          boolean cast = v0.dataType() != current.dataType();
          INDArray typed = cast ? v0.castTo(current.dataType()) : v0;
          current.addi(SpikingDynamics.aligned(typed, current.rank()));
          if (cast) {
            typed.close();
          }
        }
        potential.put(node.name(), current);
        v = current;
      } else {
        v.addi(current);
        current.close();
      }
      switch (node.neuron()) {
        case Neuron.IntegrateAndFire neuron -> {
          INDArray fired = SpikingDynamics.fire(v, neuron);
          stepSpikes[j] = countLive(fired);
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
        case Neuron.Integrator integrator -> {} // integrates only: read out, never fires
      }
    }
    if (pipelined) {
      spikes.values().forEach(INDArray::close);
      spikes = fresh;
    }
  }

  /** Spikes of the live rows, summed on the device (no per-sample reads). */
  private long countLive(INDArray fired) {
    if (activeMask == null) {
      return Math.round(fired.sumNumber().doubleValue());
    }
    try (INDArray perSample = fired.reshape(rows.length, fired.length() / rows.length).sum(1)) {
      perSample.muli(activeMask);
      return Math.round(perSample.sumNumber().doubleValue());
    }
  }

  @Override
  public long spikes(int node) {
    return stepSpikes[node];
  }

  @Override
  public boolean outputReady() {
    return potential.containsKey(network.output().name());
  }

  @Override
  public void output(int[] samples, float[] into, float[] counts) {
    String out = network.output().name();
    INDArray v = potential.get(out);
    int classes = (int) v.size(1);
    copyRows(v, samples, into, classes);
    if (counts != null) {
      INDArray c = outputSpikes.get(out);
      if (c == null) {
        java.util.Arrays.fill(counts, 0f);
      } else {
        copyRows(c, samples, counts, classes);
      }
    }
  }

  /** The given samples' rows of a state array [rows, classes], host side. */
  private void copyRows(INDArray a, int[] samples, float[] into, int classes) {
    float[] all;
    try (INDArray c = a.dup('c')) {
      all = c.data().asFloat();
    }
    if (samples.length == rows.length) {
      System.arraycopy(all, 0, into, 0, samples.length * classes);
      return;
    }
    int r = 0;
    for (int k = 0; k < samples.length; k++) {
      while (rows[r] != samples[k]) {
        r++;
      }
      System.arraycopy(all, r * classes, into, k * classes, classes);
    }
  }

  @Override
  public void retain(int[] live) {
    if (!shrink) {
      float[] mask = new float[rows.length];
      for (int i : live) {
        mask[i] = 1f; // without shrinking, rows are the batch's samples
      }
      if (activeMask != null) {
        activeMask.close();
      }
      activeMask = Nd4j.create(mask, new long[] {rows.length}, 'c');
      return;
    }
    int[] keep = new int[live.length];
    int r = 0;
    for (int k = 0; k < live.length; k++) {
      while (rows[r] != live[k]) {
        r++;
      }
      keep[k] = r;
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
    rows = live.clone();
  }

  private static void replaceAll(Map<String, INDArray> state, int[] keep) {
    for (Map.Entry<String, INDArray> e : state.entrySet()) {
      INDArray smaller = SpikingDynamics.keepRows(e.getValue(), keep);
      e.getValue().close();
      e.setValue(smaller);
    }
  }

  @Override
  public void close() {
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
