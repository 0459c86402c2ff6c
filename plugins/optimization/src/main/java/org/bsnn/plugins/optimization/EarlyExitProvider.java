package org.bsnn.plugins.optimization;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Optimizer;

/**
 * Provides the {@code early-exit} optimizer: stop when the maximum output potential exceeds a
 * threshold.
 */
public final class EarlyExitProvider extends AbstractPluginProvider<Optimizer, EarlyExitConfig> {
  /** Registers the plugin. */
  public EarlyExitProvider() {
    super(
        "early-exit",
        Optimizer.class,
        EarlyExitConfig.class,
        new EarlyExitConfig(10.0, 1),
        "Run-time early exit: a sample stops when its maximum output membrane potential exceeds a threshold (Lu & Sengupta 2020).");
  }

  @Override
  public Optimizer create(EarlyExitConfig config) {
    return new EarlyExitOptimizer(config, EarlyExitOptimizer.Rule.MAX_POTENTIAL);
  }
}
