package org.bsnn.api.snn;

/** How spikes travel through the layers within one timestep. */
public enum Propagation {
  /**
   * Each layer sees its inputs' spikes from the previous timestep: one step of delay per layer, the
   * reference code's default; the output hears nothing for (spiking layers) steps.
   */
  PIPELINED,
  /** All layers update in topological order within one timestep (the reference's one-step mode). */
  SAME_STEP
}
