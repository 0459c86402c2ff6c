package org.bsnn.plugins.optimization;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Optimizer;

/** Provides the {@code initial-potential} optimizer. */
public final class InitialPotentialProvider
    extends AbstractPluginProvider<Optimizer, InitialPotentialConfig> {
  /** Registers the plugin. */
  public InitialPotentialProvider() {
    super(
        "initial-potential",
        Optimizer.class,
        InitialPotentialConfig.class,
        new InitialPotentialConfig(0.5),
        "Design-time initial membrane potential: IF neurons start at a fraction of their threshold"
            + " (0.5 rounds the rate instead of flooring it; Deng & Gu 2021, ICLR; Bu et al. 2022,"
            + " ICLR).");
  }

  @Override
  public Optimizer create(InitialPotentialConfig config) {
    return new InitialPotentialOptimizer(config);
  }
}
