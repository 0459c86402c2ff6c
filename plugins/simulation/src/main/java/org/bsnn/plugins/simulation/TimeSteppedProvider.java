package org.bsnn.plugins.simulation;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Simulator;

/** Provides the {@code time-stepped} simulator. */
public final class TimeSteppedProvider implements PluginProvider<Simulator, TimeSteppedConfig> {
  @Override
  public String id() {
    return "time-stepped";
  }

  @Override
  public Class<Simulator> stage() {
    return Simulator.class;
  }

  @Override
  public Class<TimeSteppedConfig> configType() {
    return TimeSteppedConfig.class;
  }

  @Override
  public TimeSteppedConfig defaults() {
    return new TimeSteppedConfig(100, 128, 0);
  }

  @Override
  public Simulator create(TimeSteppedConfig config) {
    return new TimeSteppedSimulator(config);
  }

  @Override
  public String description() {
    return "Clock-driven integrate-and-fire simulation on ND4J, pipelined or same-step, accuracy at every timestep.";
  }
}
