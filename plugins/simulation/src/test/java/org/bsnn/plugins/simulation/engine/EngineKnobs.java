package org.bsnn.plugins.simulation.engine;

/**
 * Dev tool: sets the engine's package-private knobs from another package (A/B measurements and
 * tests of both code paths).
 */
public final class EngineKnobs {
  private EngineKnobs() {}

  /** Sets samplesPerChunk, or vectorPopcount (0: scalar loops, 1: Vector API). */
  public static void set(String knob, int value) {
    switch (knob) {
      case "samplesPerChunk" -> KernelEngine.samplesPerChunk = value;
      case "vectorPopcount" -> Loops.vectorPopcount = value != 0;
      default -> throw new IllegalArgumentException(knob);
    }
  }

  /** The knob's current value (vectorPopcount: 0 or 1). */
  public static int get(String knob) {
    return switch (knob) {
      case "samplesPerChunk" -> KernelEngine.samplesPerChunk;
      case "vectorPopcount" -> Loops.vectorPopcount ? 1 : 0;
      default -> throw new IllegalArgumentException(knob);
    };
  }
}
