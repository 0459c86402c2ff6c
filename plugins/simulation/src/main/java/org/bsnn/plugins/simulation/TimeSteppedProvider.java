package org.bsnn.plugins.simulation;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Simulator;

/** Provides the {@code time-stepped} simulator. */
public final class TimeSteppedProvider
    extends AbstractPluginProvider<Simulator, TimeSteppedConfig> {
  /** Registers the plugin. */
  public TimeSteppedProvider() {
    super(
        "time-stepped",
        Simulator.class,
        TimeSteppedConfig.class,
        new TimeSteppedConfig(100, 128, 0),
        "Clock-driven integrate-and-fire simulation on ND4J, pipelined or same-step, accuracy at every timestep.");
  }

  @Override
  public Simulator create(TimeSteppedConfig config) {
    return new TimeSteppedSimulator(config);
  }
}
