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
import org.bsnn.api.util.UserFacingException;

/**
 * Design-time threshold scaling (Lu &amp; Sengupta 2020, "threshold choice"): lowering thresholds
 * below the balanced value makes neurons fire sooner, trading accuracy for latency.
 */
public final class ThresholdScaleOptimizer implements Optimizer {

  private final ThresholdScaleConfig config;

  /** A scaling by the configured factors. */
  public ThresholdScaleOptimizer(ThresholdScaleConfig config) {
    this.config = config;
  }

  @Override
  public SpikingNetwork prepare(SpikingNetwork network, RunContext context) {
    List<SpikingNode> spiking = network.nodes().stream().filter(SpikingNode::spiking).toList();
    if (!config.perLayer().isEmpty() && config.perLayer().size() != spiking.size()) {
      throw new UserFacingException(
          "threshold-scale: perLayer has "
              + config.perLayer().size()
              + " factors but the network has "
              + spiking.size()
              + " spiking layers ("
              + spiking.stream().map(SpikingNode::name).toList()
              + ")");
    }
    Map<String, Double> applied = new LinkedHashMap<>();
    List<SpikingNode> out = new ArrayList<>();
    int index = 0;
    for (SpikingNode node : network.nodes()) {
      if (node.neuron() instanceof Neuron.IntegrateAndFire f) {
        double factor =
            config.perLayer().isEmpty() ? config.factor() : config.perLayer().get(index);
        index++;
        applied.put(node.name(), factor);
        out.add(
            new SpikingNode(
                node.name(),
                node.inputs(),
                // an initial potential set as a fraction of the threshold keeps that fraction
                f.with(f.threshold().mul(factor), f.initialPotential().mul(factor))));
      } else {
        out.add(node);
      }
    }
    context.provenance("thresholdFactors", applied);
    return network.withNodes(out, "threshold-scale", applied);
  }
}
