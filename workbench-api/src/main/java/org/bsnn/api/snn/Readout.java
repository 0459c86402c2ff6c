package org.bsnn.api.snn;

/** How the class prediction at timestep t is read from the output layer. */
public enum Readout {
  /** Argmax of the output layer's accumulated membrane potential (the paper's choice). */
  POTENTIAL,
  /** Argmax of the output layer's spike counts (requires a spiking output layer). */
  SPIKE_COUNT
}
