/**
 * Spiking networks and how they run: the network IR ({@link org.bsnn.api.snn.SpikingNetwork},
 * {@link org.bsnn.api.snn.SpikingNode}, {@link org.bsnn.api.snn.Projection}), the neuron dynamics
 * ({@link org.bsnn.api.snn.SpikingDynamics}), and the one simulation loop.
 *
 * <p>The loop: {@link org.bsnn.api.snn.SimulationLoop} batches over a range of samples, encodes
 * every timestep's input ({@link org.bsnn.api.snn.InputEncoder}, the only implementation of direct
 * and Poisson input), has a {@link org.bsnn.api.snn.StepKernel} advance the live samples one
 * timestep, and reports each step to a {@link org.bsnn.api.snn.StepObserver}. For simulators, the
 * observer is {@link org.bsnn.api.snn.TraceRecorder} (input checks, spikes per node and timestep,
 * readout, accuracy per timestep, run-time optimizers and early exit) and {@link
 * org.bsnn.api.snn.SpikingSimulation} is the entry point: a backend supplies only a {@link
 * org.bsnn.api.snn.SpikingKernel} factory. A kernel advances a whole batch per call, so a backend
 * keeps its own data layout, threads and pipelining inside a step and the loop adds no work per
 * sample. {@link org.bsnn.api.snn.SimulationShard} is the mergeable trace of a range of samples
 * (Poisson streams are per sample, never per shard), for executors that split a test set.
 *
 * <p>Why here and not in the simulation plugin: spike-based threshold calibration (a normalizer
 * plugin) runs the same loop with its own kernel (the partially converted ANN graph), and plugin
 * modules depend only on this API, never on each other. The backends' kernels themselves (the ND4J
 * reference, bitpacked, event-driven) stay in the simulation plugin.
 */
package org.bsnn.api.snn;
