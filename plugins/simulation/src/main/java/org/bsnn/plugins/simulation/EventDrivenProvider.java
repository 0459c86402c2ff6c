package org.bsnn.plugins.simulation;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Simulator;

/** Provides the {@code event-driven} simulator. */
public final class EventDrivenProvider
    extends AbstractPluginProvider<Simulator, EventDrivenConfig> {
  /** Registers the plugin. */
  public EventDrivenProvider() {
    super(
        "event-driven",
        Simulator.class,
        EventDrivenConfig.class,
        new EventDrivenConfig(100, 128, 0, 0, 0.3),
        "Only spiking inputs contribute (scatter-add of weight columns and conv footprints), dense ND4J above a spike rate; the time-stepped trace.");
  }

  @Override
  public Simulator create(EventDrivenConfig config) {
    return new EventDrivenSimulator(config);
  }
}
