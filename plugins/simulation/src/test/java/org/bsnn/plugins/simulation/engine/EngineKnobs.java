package org.bsnn.plugins.simulation.engine;

/** Dev tool: sets the engine's package-private knobs from another package (A/B measurements). */
public final class EngineKnobs {
  private EngineKnobs() {}

  public static void set(String knob, int value) {
    if (knob.equals("samplesPerChunk")) {
      KernelEngine.samplesPerChunk = value;
    } else {
      throw new IllegalArgumentException(knob);
    }
  }
}
