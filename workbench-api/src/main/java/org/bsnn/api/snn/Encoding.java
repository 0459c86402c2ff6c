package org.bsnn.api.snn;

/** How an image becomes input to the first spiking layer at every timestep. */
public enum Encoding {
  /**
   * The normalized image is fed as a constant analog current every timestep (the paper's choice).
   */
  DIRECT,
  /** Each pixel spikes with probability proportional to its intensity (seeded rate coding). */
  POISSON
}
