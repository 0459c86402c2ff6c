package org.bsnn.api.snn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a run-time optimizer sees after a timestep.
 *
 * @param timestep 1-based timestep just completed
 * @param sampleIndices index in the data split of each still-active sample, length n
 * @param outputPotential accumulated output potential of the active samples, shape [n, classes];
 *     read-only, valid only during the call
 */
public record TimestepView(int timestep, int[] sampleIndices, INDArray outputPotential) {}
