package org.bsnn.api.snn;

/** What an integrate-and-fire neuron's membrane potential does after a spike. */
public enum ResetMode {
  /** {@code v -= threshold}: keeps the surplus charge (the paper's choice). */
  SUBTRACT,
  /** {@code v = 0}: loses the surplus charge; converges more slowly. */
  ZERO
}
