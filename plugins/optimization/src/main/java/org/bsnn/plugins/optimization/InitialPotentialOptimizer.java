package org.bsnn.plugins.optimization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.stage.Optimizer;

/**
 * Design-time initial membrane potential: every integrate-and-fire neuron starts at {@code fraction
 * × threshold} instead of 0 (Deng &amp; Gu 2021, "Optimal conversion of conventional ANNs to SNNs",
 * ICLR; Bu et al. 2022, "Optimal ANN-SNN conversion for high-accuracy and ultra-low-latency SNNs",
 * ICLR). With reset by subtraction and constant input {@code a θ}, a neuron starting at {@code θ/2}
 * has fired {@code floor(a T + 1/2)} times after T steps, the rounded rate, instead of the floor:
 * the expected conversion error of every layer drops from half a spike to zero, which matters most
 * at small T.
 *
 * <p>The potential is set per neuron in the threshold's shape (layer-, channel- or neuron-wise), so
 * a later threshold rescaling ({@code threshold-scale}, {@code crossbar-form}) carries it along.
 */
public final class InitialPotentialOptimizer implements Optimizer {

  private final InitialPotentialConfig config;

  /** An optimizer setting the configured fraction. */
  public InitialPotentialOptimizer(InitialPotentialConfig config) {
    this.config = config;
  }

  @Override
  public SpikingNetwork prepare(SpikingNetwork network, RunContext context) {
    Map<String, Double> applied = new LinkedHashMap<>();
    List<SpikingNode> out = new ArrayList<>();
    for (SpikingNode node : network.nodes()) {
      switch (node.neuron()) {
        case Neuron.IntegrateAndFire f -> {
          applied.put(node.name(), config.fraction());
          out.add(
              new SpikingNode(
                  node.name(),
                  node.inputs(),
                  f.with(f.threshold(), f.threshold().mul(config.fraction()))));
        }
        case Neuron.Integrator integrator -> out.add(node); // the readout starts at 0
      }
    }
    context.provenance("initialPotentialFractions", applied);
    return network.withNodes(out, "initial-potential", applied);
  }
}
