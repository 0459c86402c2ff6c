package org.bsnn.plugins.optimization;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Optimizer;

/**
 * Provides the {@code early-exit-margin} optimizer: stop when top-1 minus top-2 potential exceeds a
 * threshold.
 */
public final class EarlyExitMarginProvider
    extends AbstractPluginProvider<Optimizer, EarlyExitConfig> {
  /** Registers the plugin. */
  public EarlyExitMarginProvider() {
    super(
        "early-exit-margin",
        Optimizer.class,
        EarlyExitConfig.class,
        new EarlyExitConfig(5.0, 1),
        "Run-time early exit on the margin between the top two output potentials.");
  }

  @Override
  public Optimizer create(EarlyExitConfig config) {
    return new EarlyExitOptimizer(config, EarlyExitOptimizer.Rule.MARGIN);
  }
}
