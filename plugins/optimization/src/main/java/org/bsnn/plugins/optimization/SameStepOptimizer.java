package org.bsnn.plugins.optimization;

import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.Optimizer;

/**
 * Design-time same-step propagation: spikes cross every layer within one timestep instead of one
 * layer per timestep, so the output hears the input at step 1 rather than after one step per
 * spiking layer (the reference code's one-step mode).
 */
public final class SameStepOptimizer implements Optimizer {
  @Override
  public SpikingNetwork prepare(SpikingNetwork network, RunContext context) {
    context.provenance(
        "propagation",
        "same_step (was " + network.propagation().name().toLowerCase(java.util.Locale.ROOT) + ")");
    return network.withPropagation(Propagation.SAME_STEP);
  }
}
