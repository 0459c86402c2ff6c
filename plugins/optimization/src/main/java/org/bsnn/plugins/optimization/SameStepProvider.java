package org.bsnn.plugins.optimization;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.plugin.NoConfig;
import org.bsnn.api.stage.Optimizer;

/** Provides the {@code same-step} optimizer. */
public final class SameStepProvider extends AbstractPluginProvider<Optimizer, NoConfig> {
  /** Registers the plugin. */
  public SameStepProvider() {
    super(
        "same-step",
        Optimizer.class,
        NoConfig.class,
        new NoConfig(),
        "Design-time same-step propagation: spikes cross all layers within one timestep.");
  }

  @Override
  public Optimizer create(NoConfig config) {
    return new SameStepOptimizer();
  }
}
