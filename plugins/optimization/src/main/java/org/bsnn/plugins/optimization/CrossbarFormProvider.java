package org.bsnn.plugins.optimization;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.plugin.NoConfig;
import org.bsnn.api.stage.Optimizer;

/** Provides the {@code crossbar-form} optimizer. */
public final class CrossbarFormProvider extends AbstractPluginProvider<Optimizer, NoConfig> {
  /** Registers the plugin. */
  public CrossbarFormProvider() {
    super(
        "crossbar-form",
        Optimizer.class,
        NoConfig.class,
        new NoConfig(),
        "Design-time crossbar form: binary layers get pure plus/minus 1 weights and per-neuron thresholds divided by their alphas (Lu & Sengupta 2020).");
  }

  @Override
  public Optimizer create(NoConfig config) {
    return new CrossbarFormOptimizer();
  }
}
