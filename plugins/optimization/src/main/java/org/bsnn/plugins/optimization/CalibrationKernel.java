package org.bsnn.plugins.optimization;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.SpikingDynamics;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.snn.StepKernel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch of a spiking network's first nodes, a step of {@link org.bsnn.api.snn.SimulationLoop},
 * counting the spikes of its last node. The dynamics are those of the simulators ({@link
 * SpikingDynamics#fire}, the max-pooling gate, the initial potential, the network's propagation
 * mode); calibration stops no sample.
 */
final class CalibrationKernel implements StepKernel {

  private final List<SpikingNode> nodes;
  private final boolean pipelined;
  private final int[] rows;
  private final INDArray constant;
  private final Map<String, INDArray> potential = new HashMap<>();
  private final Map<String, SpikingDynamics.MaxPoolGate> gates = new HashMap<>();
  private Map<String, INDArray> spikes = new HashMap<>();
  private INDArray counts; // spikes of the last node so far, [n, ...]

  /**
   * @param nodes a prefix of the network's nodes (in order); the last is counted
   */
  CalibrationKernel(
      SpikingNetwork network, List<SpikingNode> nodes, int samples, INDArray constant) {
    this.nodes = nodes;
    this.pipelined = network.propagation() == Propagation.PIPELINED;
    this.rows = IntStream.range(0, samples).toArray();
    this.constant = constant;
  }

  @Override
  public int[] rows() {
    return rows;
  }

  @Override
  public void step(int t, INDArray drawn, int[] live) {
    INDArray input = drawn != null ? drawn : constant;
    Map<String, INDArray> fresh = pipelined ? new HashMap<>() : spikes;
    SpikingNode last = nodes.get(nodes.size() - 1);
    for (SpikingNode node : nodes) {
      INDArray current = SpikingDynamics.nodeCurrent(node, input, spikes, gates);
      if (current == null) {
        continue;
      }
      INDArray v = potential.get(node.name());
      if (v == null) {
        start(node, current);
        potential.put(node.name(), current);
        v = current;
      } else {
        v.addi(current);
        current.close();
      }
      switch (node.neuron()) {
        case Neuron.IntegrateAndFire neuron -> {
          INDArray fired = SpikingDynamics.fire(v, neuron);
          if (node == last) {
            if (counts == null) {
              counts = fired.dup();
            } else {
              counts.addi(fired);
            }
          }
          INDArray old = fresh.put(node.name(), fired);
          if (old != null && old != fired) {
            old.close();
          }
        }
        case Neuron.Integrator integrator -> {} // the readout: never counted
      }
    }
    if (pipelined) {
      spikes.values().forEach(INDArray::close);
      spikes = fresh;
    }
  }

  /** Adds the node's initial potential to its first current: {@code v(0) + current}. */
  private static void start(SpikingNode node, INDArray current) {
    if (node.neuron() instanceof Neuron.IntegrateAndFire f && !f.startsAtZero()) {
      INDArray v0 = f.initialPotential();
      boolean cast = v0.dataType() != current.dataType();
      INDArray typed = cast ? v0.castTo(current.dataType()) : v0;
      current.addi(SpikingDynamics.aligned(typed, current.rank()));
      if (cast) {
        typed.close();
      }
    }
  }

  /** The last node's spikes so far per neuron, [n, ...], or null before its first step. */
  INDArray counts() {
    return counts;
  }

  @Override
  public void retain(int[] live) {
    // calibration stops no sample
  }

  @Override
  public void close() {
    potential.values().forEach(INDArray::close);
    spikes.values().forEach(INDArray::close);
    gates.values().forEach(SpikingDynamics.MaxPoolGate::close);
    if (counts != null) {
      counts.close();
    }
  }
}
