package org.bsnn.plugins.simulation.engine;

/** Which exact integer kernel a binary projection uses. */
public enum KernelChoice {
  /** Per sample and timestep, the cheaper of the two by a cost model of the input's spike count. */
  AUTO,
  /** Always AND + popcount over all inputs. */
  POPCOUNT,
  /** Always the ±1 footprints of the spiking inputs added into 16-bit counters. */
  SCATTER
}
